package com.taskdesk.config;

/**
 * What the first request after a SnapStart restore pays before its own work, each a bound the
 * function holds to: the budget tool adds them to the timeout chain, so that request too answers
 * its own 503 before Lambda's timeout cuts it off.
 */
public final class ColdStart {

    /**
     * A Secrets Manager read: the SDK's call timeout (connect and read included). Secrets are
     * forgotten before the snapshot and read again at their first use after a restore (and every
     * cache period after).
     */
    public static final int SECRET_READ_SECONDS = 5;

    /**
     * The restore itself, as Lambda reports it (Restore Duration: the snapshot, the JVM, the
     * afterRestore hook, which opens nothing): well under a second for these functions, rounded up.
     */
    public static final int SNAPSTART_RESTORE_SECONDS = 1;

    private ColdStart() {}
}
