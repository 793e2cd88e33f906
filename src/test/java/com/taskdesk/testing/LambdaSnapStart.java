package com.taskdesk.testing;

import com.amazonaws.services.lambda.crac.CheckpointException;
import com.amazonaws.services.lambda.crac.Core;
import com.amazonaws.services.lambda.crac.RestoreException;

/**
 * Runs the SnapStart runtime hooks as Lambda's Java runtime does: its runtime client calls
 * its CRaC context's beforeCheckpoint before the snapshot and afterRestore after a restore,
 * and the JVM's {@code org.crac.Core.Compat} property (set by the runtime, and for the tests
 * in pom.xml) routes every org.crac registration to that context.
 */
public final class LambdaSnapStart {

    private LambdaSnapStart() {}

    public static void checkpoint() throws CheckpointException {
        try {
            Core.getGlobalContext().beforeCheckpoint(null);
        } catch (UnsatisfiedLinkError e) {
            // Every hook has run (a failing one would have thrown CheckpointException first);
            // then the context clears the runtime client's DNS cache with native code that only
            // its own process loads (the packaging test runs that whole path).
            if (!String.valueOf(e.getMessage()).contains("DNSManager.clearCache")) {
                throw e;
            }
        }
    }

    public static void restore() throws RestoreException {
        Core.getGlobalContext().afterRestore(null);
    }
}
