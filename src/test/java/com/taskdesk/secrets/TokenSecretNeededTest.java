package com.taskdesk.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Which function needs the token secret at start, as the application's own beans say: the one whose
 * resource checks a token; health does not; a name no resource has (the local run) serves every
 * route, so it does.
 */
@QuarkusTest
class TokenSecretNeededTest {

    @Inject
    BeanManager beans;

    @Test
    void onlyAFunctionWhoseEndpointChecksATokenNeedsTheTokenSecret() {
        assertFalse(JwtSecretCheck.checksTokens(beans, "health"));
        assertTrue(JwtSecretCheck.checksTokens(beans, "spam-counts"));
        assertTrue(JwtSecretCheck.checksTokens(beans, "agent-tasks"), "any signed-in user's token");
        assertTrue(JwtSecretCheck.checksTokens(beans, "local"));
        assertTrue(JwtSecretCheck.checksTokens(beans, null));
    }
}
