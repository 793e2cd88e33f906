package com.taskdesk.testing;

import com.amazonaws.services.lambda.crac.CheckpointException;
import com.amazonaws.services.lambda.crac.Core;
import com.amazonaws.services.lambda.crac.RestoreException;
import com.amazonaws.services.lambda.runtime.api.client.runtimeapi.JniHelper;

/**
 * Runs the SnapStart runtime hooks as Lambda's Java runtime does: its runtime client calls
 * its CRaC context's beforeCheckpoint before the snapshot and afterRestore after a restore,
 * and the JVM's {@code org.crac.Core.Compat} property (set by the runtime, and for the tests
 * in pom.xml) routes every org.crac registration to that context.
 */
public final class LambdaSnapStart {

    static {
        // The runtime client's native part, which its context uses to clear the DNS cache.
        JniHelper.load();
    }

    private LambdaSnapStart() {
    }

    public static void checkpoint() throws CheckpointException {
        Core.getGlobalContext().beforeCheckpoint(null);
    }

    public static void restore() throws RestoreException {
        Core.getGlobalContext().afterRestore(null);
    }
}
