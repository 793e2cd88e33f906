package com.taskdesk.secrets;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.CapturedLog;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.LambdaSnapStart;
import com.taskdesk.testing.SecretsManagerStandIn;
import com.taskdesk.testing.StoredSecrets;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A function whose DATABASE_URL and JWT_SECRET live in Secrets Manager (a local stand-in):
 * neither is read at start, each is read once at its first use and kept, forgotten before a
 * SnapStart snapshot and read again after the restore, a rotated database password is
 * taken when the database refuses the old one, and a secret that cannot be read is a 503
 * with one log line, never a stack trace nor the secret.
 */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(StoredSecretsTest.InSecretsManager.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoredSecretsTest {

    public static class InSecretsManager implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(StoredSecrets.FunctionEnvironment.class);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StoredSecrets.class));
        }
    }

    private static final String SECOND_PASSWORD = "second-pw-9e8f";

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource pool;

    private static SecretsManagerStandIn secretsManager() {
        return StoredSecrets.secretsManager();
    }

    private static int databaseUrlReads() {
        return secretsManager().reads(StoredSecrets.DATABASE_URL_ID);
    }

    private static int jwtSecretReads() {
        return secretsManager().reads(StoredSecrets.JWT_SECRET_ID);
    }

    private static ValidatableResponse spamCounts(String jwtSecret) {
        return Api.anonymous()
                .header("Authorization", "Bearer " + Tokens.managerSignedWith(jwtSecret))
                .get("/api/manager/spam/counts")
                .then();
    }

    private static void checkpointAndRestore() throws Exception {
        LambdaSnapStart.checkpoint();
        LambdaSnapStart.restore();
    }

    @Test
    @Order(1)
    void nothingIsReadAtStart() {
        assertEquals(0, databaseUrlReads());
        assertEquals(0, jwtSecretReads());
    }

    @Test
    @Order(2)
    void theFirstRequestReadsEachSecretOnceAndLaterOnesReuseThem() {
        spamCounts(StoredSecrets.JWT_SECRET).statusCode(200).body("success", equalTo(true));
        spamCounts(StoredSecrets.JWT_SECRET).statusCode(200);
        Api.anonymous()
                .queryParam("check", "database")
                .get("/api/health")
                .then()
                .statusCode(200);
        assertEquals(1, databaseUrlReads());
        assertEquals(1, jwtSecretReads());
        try (Fixtures db = StoredSecrets.fixtures()) {
            assertEquals(
                    1,
                    db.count("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + StoredSecrets.ROLE + "'"),
                    "connected as the stored URL's role");
        }
    }

    @Test
    @Order(3)
    void aSnapshotHoldsNoSecretTheRestoredFunctionReadsTheCurrentOnes() throws Exception {
        String rotated = "rotated-jwt-secret-0a1b2c3d4e5f6a7b8c9d0e1f";
        LambdaSnapStart.checkpoint();
        int urlReads = databaseUrlReads();
        secretsManager().put(StoredSecrets.JWT_SECRET_ID, rotated);
        LambdaSnapStart.restore();
        assertEquals(urlReads, databaseUrlReads(), "the restore itself reads nothing");
        spamCounts(rotated).statusCode(200);
        spamCounts(StoredSecrets.JWT_SECRET).statusCode(401);
        assertEquals(urlReads + 1, databaseUrlReads(), "the first connection after the restore reads the URL");
        assertEquals(2, jwtSecretReads(), "the first token after the restore reads the secret");
        secretsManager().put(StoredSecrets.JWT_SECRET_ID, StoredSecrets.JWT_SECRET);
        checkpointAndRestore();
    }

    @Test
    @Order(4)
    void aRotatedDatabasePasswordIsUsedOnceTheDatabaseRefusesTheOldOne() throws Exception {
        spamCounts(StoredSecrets.JWT_SECRET).statusCode(200);
        int reads = databaseUrlReads();
        try (Fixtures db = StoredSecrets.fixtures()) {
            db.execute("ALTER ROLE " + StoredSecrets.ROLE + " PASSWORD '" + SECOND_PASSWORD + "'");
            secretsManager().put(StoredSecrets.DATABASE_URL_ID, StoredSecrets.databaseUrl(SECOND_PASSWORD));
            spamCounts(StoredSecrets.JWT_SECRET).statusCode(200); // the open connection outlives the rotation
            db.value("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '"
                    + StoredSecrets.ROLE + "'");
        }
        Thread.sleep(Secret.REREAD_AFTER_REFUSAL.toMillis() + 100);
        spamCounts(StoredSecrets.JWT_SECRET)
                .statusCode(503)
                .header("Retry-After", "2")
                .body(
                        "error",
                        equalTo("The database is busy or unreachable (the database refused the function's "
                                + "credentials); retry in 2 s"));
        spamCounts(StoredSecrets.JWT_SECRET).statusCode(200);
        assertEquals(reads + 1, databaseUrlReads(), "read again once, after the refusal");
    }

    @Test
    @Order(5)
    void aMissingDatabaseSecretIs503WithOneLineNamingIt() throws Exception {
        String stored = StoredSecrets.databaseUrl(SECOND_PASSWORD);
        secretsManager().remove(StoredSecrets.DATABASE_URL_ID);
        checkpointAndRestore();
        try (CapturedLog log = new CapturedLog()) {
            spamCounts(StoredSecrets.JWT_SECRET)
                    .statusCode(503)
                    .header("Retry-After", "2")
                    .body(
                            "error",
                            equalTo("The database is busy or unreachable (the database credentials could "
                                    + "not be read); retry in 2 s"));
            List<String> lines = log.lines().stream()
                    .filter(line -> line.contains(StoredSecrets.DATABASE_URL_ID))
                    .toList();
            assertEquals(1, lines.size(), log.all());
            assertTrue(
                    lines.get(0)
                            .contains("DATABASE_URL (Secrets Manager secret '" + StoredSecrets.DATABASE_URL_ID
                                    + "') does not exist"),
                    lines.get(0));
            assertNoSecretNorStackTrace(log);
        } finally {
            secretsManager().put(StoredSecrets.DATABASE_URL_ID, stored);
        }
        spamCounts(StoredSecrets.JWT_SECRET).statusCode(200);
    }

    @Test
    @Order(6)
    void aDeniedTokenSecretIs503WithOneLineNamingIt() throws Exception {
        secretsManager().deny(StoredSecrets.JWT_SECRET_ID);
        checkpointAndRestore();
        try (CapturedLog log = new CapturedLog()) {
            spamCounts(StoredSecrets.JWT_SECRET)
                    .statusCode(503)
                    .header("Retry-After", "2")
                    .body("error", equalTo("Sign-in cannot be checked right now; retry in 2 s"));
            List<String> lines = log.lines().stream()
                    .filter(line -> line.contains(StoredSecrets.JWT_SECRET_ID))
                    .toList();
            assertEquals(1, lines.size(), log.all());
            assertTrue(lines.get(0).contains("could not be read: AccessDeniedException"), lines.get(0));
            assertNoSecretNorStackTrace(log);
        } finally {
            secretsManager().put(StoredSecrets.JWT_SECRET_ID, StoredSecrets.JWT_SECRET);
        }
        spamCounts(StoredSecrets.JWT_SECRET).statusCode(200);
    }

    @Test
    @Order(7)
    void aConnectionBeingOpenedForARequestThatGaveUpNeverJoinsThePoolAfterTheSnapshotEmptiedIt() throws Exception {
        checkpointAndRestore();
        secretsManager().delay(StoredSecrets.DATABASE_URL_ID, java.time.Duration.ofSeconds(2));
        try {
            spamCounts(StoredSecrets.JWT_SECRET)
                    .statusCode(503)
                    .body(
                            "error",
                            equalTo("The database is busy or unreachable (no pooled connection was free within "
                                    + "the pool timeout); retry in 2 s"));
            LambdaSnapStart.checkpoint(); // while the stored URL is still on its way to the abandoned attempt
            Thread.sleep(2_500); // the stand-in has answered it by now
        } finally {
            secretsManager().delay(StoredSecrets.DATABASE_URL_ID, java.time.Duration.ZERO);
        }
        assertEquals(pool.getMetrics().creationCount(), pool.getMetrics().destroyCount(), "no pooled connection open");
        try (Fixtures db = StoredSecrets.fixtures()) {
            assertEquals(
                    0, db.count("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + StoredSecrets.ROLE + "'"));
        }
        LambdaSnapStart.restore();
        spamCounts(StoredSecrets.JWT_SECRET).statusCode(200);
    }

    @Test
    @Order(8)
    void aStoredUrlWhosePasswordHoldsAnUnencodedSlashIs503AndNoFragmentOfThePasswordIsLogged() throws Exception {
        String stored = StoredSecrets.databaseUrl(SECOND_PASSWORD);
        secretsManager().put(StoredSecrets.DATABASE_URL_ID, StoredSecrets.databaseUrl("S3cretPrefix/restCanary"));
        checkpointAndRestore();
        try (CapturedLog log = new CapturedLog()) {
            for (int request = 0; request < 2; request++) {
                spamCounts(StoredSecrets.JWT_SECRET)
                        .statusCode(503)
                        .header("Retry-After", "2")
                        .body(
                                "error",
                                equalTo("The database is busy or unreachable (the database credentials could "
                                        + "not be read); retry in 2 s"));
            }
            List<String> lines = log.lines().stream()
                    .filter(line -> line.contains("the stored URL is unusable"))
                    .toList();
            assertEquals(2, lines.size(), "one WARN per request: " + log.all());
            assertTrue(
                    lines.get(0)
                            .contains("DATABASE_URL_SECRET_ID: the stored URL is unusable: DATABASE_URL has an '@' "
                                    + "after its host: its password (or user name) likely holds an unencoded '/', "
                                    + "'?' or '#'"),
                    lines.get(0));
            for (String fragment : List.of("S3cret", "Prefix", "Canary", StoredSecrets.ROLE)) {
                assertFalse(log.all().contains(fragment), fragment + " in the log: " + log.all());
            }
        } finally {
            secretsManager().put(StoredSecrets.DATABASE_URL_ID, stored);
        }
        spamCounts(StoredSecrets.JWT_SECRET).statusCode(200);
    }

    /** A rotation to a secret too weak to sign with is not taken: sign-in is a 503 until a usable one is stored. */
    @Test
    @Order(9)
    void aRotatedTokenSecretUnder32BytesIs503WithRetryAfterAndALogLineThatNeverQuotesIt() throws Exception {
        String weak = "rotated-weak-9f";
        secretsManager().put(StoredSecrets.JWT_SECRET_ID, weak);
        checkpointAndRestore();
        try (CapturedLog log = new CapturedLog()) {
            Api.anonymous()
                    .header("Authorization", "Bearer " + Tokens.managerSignedWithAnyLengthSecret(weak))
                    .get("/api/manager/spam/counts")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "2")
                    .body("error", equalTo("Sign-in cannot be checked right now; retry in 2 s"));
            List<String> lines = log.lines().stream()
                    .filter(line -> line.contains("the stored value"))
                    .toList();
            assertEquals(1, lines.size(), log.all());
            assertTrue(
                    lines.get(0)
                            .startsWith("WARN com.taskdesk.http.ErrorResponses: 503: JWT_SECRET_ID: the stored value "
                                    + "is 15 bytes long; an HS256 secret needs at least 32 (256 bits)"),
                    lines.get(0));
            assertFalse(log.all().contains(weak), log.all());
            assertNoSecretNorStackTrace(log);
        } finally {
            secretsManager().put(StoredSecrets.JWT_SECRET_ID, StoredSecrets.JWT_SECRET);
        }
        spamCounts(StoredSecrets.JWT_SECRET).statusCode(200);
    }

    private static void assertNoSecretNorStackTrace(CapturedLog log) {
        String all = log.all();
        assertFalse(all.contains("\tat "), all);
        for (String secret : List.of(StoredSecrets.JWT_SECRET, StoredSecrets.FIRST_PASSWORD, SECOND_PASSWORD)) {
            assertFalse(all.contains(secret), all);
        }
    }
}
