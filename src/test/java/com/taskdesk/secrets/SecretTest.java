package com.taskdesk.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.taskdesk.config.Environment;
import com.taskdesk.config.InvalidSettingException;
import com.taskdesk.testing.SecretsManagerStandIn;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** When a secret is read from Secrets Manager, and when it is not. */
class SecretTest {

    private static final String ID = "taskdesk/unit/secret";
    private static SecretsManagerStandIn standIn;
    private static SecretsManager store;

    @BeforeAll
    static void standIn() {
        standIn = new SecretsManagerStandIn();
        System.setProperty("aws.accessKeyId", "AKIDSTANDIN");
        System.setProperty("aws.secretAccessKey", "stand-in-secret-access-key");
        store = new SecretsManager(new Environment(
                Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL_SECRETS_MANAGER", standIn.endpoint())));
    }

    @AfterAll
    static void stop() {
        store.close();
        standIn.close();
    }

    private static Secret stored(Duration cacheTime) {
        return new Secret("TOKEN", "TOKEN_ID", new Environment(Map.of("TOKEN_ID", ID)), store, cacheTime, value -> {});
    }

    @Test
    void aStoredValueIsKeptForTheCacheTimeThenReadAgain() throws Exception {
        standIn.put(ID, "first");
        Secret secret = stored(Duration.ofMillis(300));
        int before = standIn.reads(ID);
        assertEquals("first", secret.value());
        standIn.put(ID, "rotated");
        assertEquals("first", secret.value());
        assertEquals(before + 1, standIn.reads(ID));
        Thread.sleep(350);
        assertEquals("rotated", secret.value());
        assertEquals(before + 2, standIn.reads(ID));
    }

    @Test
    void forgottenValuesAreReadAtTheNextUse() {
        standIn.put(ID, "value");
        Secret secret = stored(Duration.ofMinutes(5));
        secret.value();
        int reads = standIn.reads(ID);
        secret.forget();
        assertEquals(reads, standIn.reads(ID), "forgetting reads nothing");
        secret.value();
        assertEquals(reads + 1, standIn.reads(ID));
    }

    @Test
    void aRefusalRightAfterAReadDoesNotReadAgainALaterOneDoes() throws Exception {
        standIn.put(ID, "value");
        Secret secret = stored(Duration.ofMinutes(5));
        secret.value();
        int reads = standIn.reads(ID);
        secret.refused();
        secret.value();
        assertEquals(reads, standIn.reads(ID), "at most one read per " + Secret.REREAD_AFTER_REFUSAL);
        Thread.sleep(Secret.REREAD_AFTER_REFUSAL.toMillis() + 50);
        secret.refused();
        secret.value();
        assertEquals(reads + 1, standIn.reads(ID));
    }

    @Test
    void aPlainVariableIsNeverLookedUp() {
        Secret secret = new Secret(
                "TOKEN",
                "TOKEN_ID",
                new Environment(Map.of("TOKEN", "plain")),
                store,
                Duration.ofMinutes(5),
                value -> {});
        assertEquals("plain", secret.value());
        assertEquals("TOKEN", secret.source());
        Secret unset =
                new Secret("TOKEN", "TOKEN_ID", new Environment(Map.of()), store, Duration.ofMinutes(5), v -> {});
        assertNull(unset.value());
    }

    @Test
    void bothWaysAtOnceAreRefused() {
        InvalidSettingException e = assertThrows(
                InvalidSettingException.class,
                () -> new Secret(
                        "TOKEN",
                        "TOKEN_ID",
                        new Environment(Map.of("TOKEN", "plain", "TOKEN_ID", ID)),
                        store,
                        Duration.ofMinutes(5),
                        v -> {}));
        assertEquals("TOKEN and TOKEN_ID are both set: give the function one of them", e.getMessage());
    }
}
