package com.taskdesk.testing;

import com.taskdesk.budget.config.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project of the PgBouncer tests (PgBouncerTest, {@link ThroughPgBouncer}), written for the
 * application's functions, however many: stage "pooled" on the test PostgreSQL (max_connections 20,
 * 4 reserved) behind PgBouncer in transaction mode. Every function has 1 instance and agents 2, so
 * {@link #STATEMENTS_IN_FLIGHT} = functions + 1 fill the server pool but the one PgBouncer keeps free,
 * and with the deploy overlap their instances hold twice as many client connections, PgBouncer's
 * maximum. (Up to 14 functions fit the 16 connections the server leaves.)
 */
public final class PooledProject {

    public static final String STAGE = "pooled";
    public static final int STATEMENTS_IN_FLIGHT = Endpoint.functionNames().size() + 1;

    private static Path written;

    private PooledProject() {}

    /** Its directory (written once per JVM, in a temporary directory). */
    public static synchronized Path dir() {
        if (written == null) {
            written = write();
        }
        return written;
    }

    private static Path write() {
        try {
            Path dir = Files.createTempDirectory("pooled-project");
            Path config = Files.createDirectories(dir.resolve("config"));
            Files.writeString(config.resolve("databases.yaml"), """
                    behind-pgbouncer:
                      postgresVersion: 16
                      maxConnections: 20
                      reservedFor:
                        superuserReservedConnections: 3
                        testObserver: {share: 1, client: people}   # the tests' own connection to the server
                      deployOverlapFactor: 2
                      pooler: {kind: pgbouncer, serverConnections: %d, maxClientConnections: %d}
                      databaseUrl: {pgbouncer: true}
                    """.formatted(
                            STATEMENTS_IN_FLIGHT + 1, 2 * STATEMENTS_IN_FLIGHT));
            Files.copy(Path.of("config", "functions.yaml"), config.resolve("functions.yaml"));
            Files.writeString(config.resolve(STAGE + ".yaml"), """
                    database: behind-pgbouncer
                    region: eu-west-1
                    corsOrigins: [https://desk.example.com]
                    todayTimeZone: UTC
                    metricsCacheSeconds: 10
                    defaults:
                      maxInstances: 1
                    functions:
                      agents:
                        maxInstances: 2
                    """);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
