package com.taskdesk.local;

import com.taskdesk.secrets.JwtSecretCheck;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The local run writes a manager token for the demo data to target/demo-token.txt (never
 * to the log), signed with the public demo secret, so a new user can curl the API at once.
 */
@Singleton
@IfBuildProfile("dev")
public class DemoToken {

    private static final Logger LOG = Logger.getLogger(DemoToken.class);
    static final Path FILE = Path.of("target", "demo-token.txt");

    void write(
            @Observes StartupEvent start,
            @ConfigProperty(name = "quarkus.lambda.mock-event-server.dev-port", defaultValue = "8080") int port) {
        String secret = System.getenv("JWT_SECRET");
        if (secret != null && !secret.isEmpty()) {
            LOG.info("JWT_SECRET is set: no demo token written; sign in through the task desk");
            return;
        }
        String token = Jwt.claims()
                .claim("userId", "manager-1")
                .claim("email", "manager1@taskdesk.example")
                .claim("role", "MANAGER")
                .claim("name", "Manager 1")
                .claim("mustChangePassword", false)
                .expiresIn(Duration.ofHours(24))
                .jws()
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256)
                .signWithSecret(JwtSecretCheck.LOCAL_DEMO_SECRET);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, token);
        } catch (IOException e) {
            LOG.warnf("Could not write the demo token to %s: %s", FILE, e.getMessage());
            return;
        }
        LOG.infof(
                "Demo manager token (24 h) written to %s. Try: curl -H \"Authorization: Bearer $(cat %s)\" "
                        + "http://localhost:%d/api/manager/dashboard/metrics",
                FILE, FILE, port);
    }
}
