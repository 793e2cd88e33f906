package com.taskdesk.warmup;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up swallows a part's failure (the first request then does the work), so a part
 * that stopped half way would go unnoticed: each must run to its end outside Quarkus, without
 * configuration, a secret or a database.
 */
class StartupWarmUpTest {

    @Test
    void everyPartRunsToItsEndWithoutConfigurationASecretOrADatabase() {
        assertEquals(3, StartupWarmUp.PARTS.size());
        for (StartupWarmUp.Part part : StartupWarmUp.PARTS) {
            assertDoesNotThrow(part::run);
        }
    }
}
