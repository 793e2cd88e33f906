package com.taskdesk.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.config.Environment;
import com.taskdesk.testing.CapturedLog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A weak token secret is warned about at start, in words that never quote it. */
class JwtSecretCheckTest {

    private static List<String> warningsAtStart(String secret) {
        try (CapturedLog log = new CapturedLog()) {
            JwtSecretCheck.checkAtStart(null, new Environment(Map.of("JWT_SECRET", secret)));
            String all = log.all();
            assertFalse(all.contains(secret.strip()), "the secret is never printed: " + all);
            return log.lines().stream().filter(line -> line.startsWith("WARN")).toList();
        }
    }

    @Test
    void aSecretShorterThan32BytesIsWarnedAbout() {
        List<String> warnings = warningsAtStart("short-but-secret-value");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(
                warnings.get(0).contains("JWT_SECRET is 22 bytes long; an HS256 secret should have at least 32"),
                warnings.get(0));
    }

    @Test
    void leadingOrTrailingWhitespaceIsWarnedAbout() {
        for (String secret :
                List.of("a-long-enough-secret-0123456789abcdef\n", " a-long-enough-secret-0123456789abcdef")) {
            List<String> warnings = warningsAtStart(secret);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("JWT_SECRET starts or ends with whitespace"), warnings.get(0));
        }
    }

    @Test
    void lengthIsCountedInBytesAndAGoodSecretIsNotWarnedAbout() {
        assertEquals(List.of(), warningsAtStart("é".repeat(16)));
        assertEquals(List.of(), warningsAtStart("a-long-enough-secret-0123456789abcdef"));
        assertEquals(1, warningsAtStart("é".repeat(15)).size());
    }

    @Test
    void aStoredSecretIsCheckedTooAndTheDemoSecretRefused() {
        try (CapturedLog log = new CapturedLog()) {
            JwtSecretCheck.checkStored("tiny-stored", "JWT_SECRET_ID");
            assertTrue(log.all().contains("JWT_SECRET_ID is 11 bytes long"), log.all());
            assertFalse(log.all().contains("tiny-stored"), log.all());
        }
        String refusal = assertThrows(
                        SecretUnavailableException.class,
                        () -> JwtSecretCheck.checkStored(JwtSecretCheck.LOCAL_DEMO_SECRET, "JWT_SECRET_ID"))
                .getMessage();
        assertEquals(
                "JWT_SECRET_ID: the stored value is the public local demo secret; store the task desk's own", refusal);
    }
}
