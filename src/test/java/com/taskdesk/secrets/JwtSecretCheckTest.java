package com.taskdesk.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.config.Environment;
import com.taskdesk.config.InvalidSettingException;
import com.taskdesk.testing.CapturedLog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deployed function refuses a token secret under 32 bytes, at start and when Secrets Manager gives
 * one; the local run only warns. No message ever quotes the secret.
 */
class JwtSecretCheckTest {

    private static final String TEN_CHARACTERS = "k3y-0f-ten";

    /** What the local run logs at start (checkAtStart decides "deployed" from the launch mode). */
    private static List<String> warningsAtStart(String secret) {
        try (CapturedLog log = new CapturedLog()) {
            JwtSecretCheck.check(new Environment(Map.of("JWT_SECRET", secret)), false);
            String all = log.all();
            assertFalse(all.contains(secret.strip()), "the secret is never printed: " + all);
            return log.lines().stream().filter(line -> line.startsWith("WARN")).toList();
        }
    }

    private static String refusalWhenDeployed(String secret) {
        String message = assertThrows(
                        InvalidSettingException.class,
                        () -> JwtSecretCheck.check(new Environment(Map.of("JWT_SECRET", secret)), true))
                .getMessage();
        assertFalse(message.contains(secret), "the secret is never printed: " + message);
        return message;
    }

    @Test
    void aDeployedFunctionRefusesToStartWithASecretShorterThan32Bytes() {
        assertEquals(
                "JWT_SECRET is 10 bytes long; an HS256 secret needs at least 32 (256 bits): generate a longer one "
                        + "and rotate it",
                refusalWhenDeployed(TEN_CHARACTERS));
        assertEquals(
                "JWT_SECRET is 31 bytes long; an HS256 secret needs at least 32 (256 bits): generate a longer one "
                        + "and rotate it",
                refusalWhenDeployed("a".repeat(31)));
    }

    @Test
    void aDeployedFunctionStartsWithA32ByteSecretAndRefusesNoneOrTheDemoSecret() {
        JwtSecretCheck.check(new Environment(Map.of("JWT_SECRET", "b".repeat(32))), true);
        assertEquals(
                "JWT_SECRET is not set (nor JWT_SECRET_ID): give the functions the task desk's token secret",
                assertThrows(InvalidSettingException.class, () -> JwtSecretCheck.check(new Environment(Map.of()), true))
                        .getMessage());
        assertEquals(
                "JWT_SECRET is the public local demo secret: give the functions the task desk's own secret",
                refusalWhenDeployed(JwtSecretCheck.LOCAL_DEMO_SECRET));
    }

    @Test
    void aDeployedFunctionThatChecksNoTokenStartsWithoutTheTokenSecretButRefusesAWeakOneIfGiven() {
        JwtSecretCheck.check(new Environment(Map.of()), true, false);
        assertEquals(
                "JWT_SECRET is 10 bytes long; an HS256 secret needs at least 32 (256 bits): generate a longer one "
                        + "and rotate it",
                assertThrows(
                                InvalidSettingException.class,
                                () -> JwtSecretCheck.check(
                                        new Environment(Map.of("JWT_SECRET", TEN_CHARACTERS)), true, false))
                        .getMessage());
    }

    @Test
    void theLocalRunOnlyWarnsAboutASecretShorterThan32Bytes() {
        List<String> warnings = warningsAtStart("short-but-secret-value");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(
                warnings.get(0)
                        .contains("JWT_SECRET is 22 bytes long; an HS256 secret needs at least 32 (256 bits): "
                                + "generate a longer one and rotate it (a deployed function refuses it)"),
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
    void aStoredSecretShorterThan32BytesOrTheDemoSecretIsRefused() {
        String tooShort = assertThrows(
                        SecretUnavailableException.class,
                        () -> JwtSecretCheck.checkStored("tiny-stored", "JWT_SECRET_ID"))
                .getMessage();
        assertEquals(
                "JWT_SECRET_ID: the stored value is 11 bytes long; an HS256 secret needs at least 32 (256 bits): "
                        + "generate a longer one and rotate it",
                tooShort);
        String demo = assertThrows(
                        SecretUnavailableException.class,
                        () -> JwtSecretCheck.checkStored(JwtSecretCheck.LOCAL_DEMO_SECRET, "JWT_SECRET_ID"))
                .getMessage();
        assertEquals(
                "JWT_SECRET_ID: the stored value is the public local demo secret; store the task desk's own", demo);
        JwtSecretCheck.checkStored("c".repeat(32), "JWT_SECRET_ID");
    }
}
