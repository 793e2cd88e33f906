package com.taskdesk.budget;

import com.taskdesk.budget.config.Endpoint;
import java.nio.file.Path;
import java.util.Map;

/**
 * The tool's tests' own project, shaped like the shipped one but with numbers of its own, so a
 * change of config/ breaks none of them: stages dev and staging on database dev-db, prod on
 * prod-db, every function in each (the application's, {@link Endpoint#all()}), one connection each,
 * deployOverlapFactor 2. With n functions ({@link #FUNCTIONS}):
 * <ul>
 * <li>dev and staging: 1 instance of each function, so 2n connections each at worst; dev-db leaves
 *     {@link #DEV_BUDGET} = 4n + 2 (4n + 22 max_connections, 20 reserved): 2 to spare;</li>
 * <li>prod: agents 5 instances, every other function 2 ({@link #PROD_INSTANCES} = 2n + 3 instances,
 *     twice that at worst); prod-db leaves {@link #PROD_BUDGET} = 4n + 12 (4n + 52 max_connections, 40
 *     reserved, named as the shipped ones are): 6 to spare;</li>
 * <li>mark-spam: an 8 s statement, a 20 s function, 400 ms a request; the others the shipped
 *     functions.yaml's defaults (the application's: 5 s, 15 s, 200 ms).</li>
 * </ul>
 * Its deploy files are rendered from it.
 */
public final class SampleProject {

    /** Every stage holds every function: the worst cases grow with their number. */
    public static final int FUNCTIONS = Endpoint.functionNames().size();

    public static final int DEV_BUDGET = 4 * FUNCTIONS + 2;
    public static final int PROD_MAX_CONNECTIONS = 4 * FUNCTIONS + 52;
    public static final int PROD_RESERVED = 40;
    public static final int PROD_BUDGET = PROD_MAX_CONNECTIONS - PROD_RESERVED;
    public static final int PROD_INSTANCES = 2 * (FUNCTIONS - 1) + 5;
    public static final int PROD_WORST_CASE = 2 * PROD_INSTANCES;

    private SampleProject() {}

    public static ProjectCopy in(Path dir) {
        return ProjectCopy.empty(dir)
                .set(
                        "config/functions.yaml",
                        "functions",
                        Map.of(
                                "mark-spam",
                                Map.of(
                                        "statementTimeoutSeconds",
                                        8,
                                        "functionTimeoutSeconds",
                                        20,
                                        "typicalLatencyMs",
                                        400)))
                .write("config/databases.yaml", """
                        dev-db:
                          postgresVersion: 16
                          maxConnections: %d
                          reservedFor: {other: {share: 20, client: people}}
                          deployOverlapFactor: 2
                        prod-db:
                          postgresVersion: 16
                          maxConnections: %d
                          reservedFor:
                            superuserReservedConnections: 3
                            restOfApp: {share: 28, client: netlify, role: shop_app}
                            migrations: {share: 2, client: migrations, role: shop_owner}
                            humans: {share: 3, client: people, role: shop_people}
                            monitoring: {share: 4, client: monitoring, role: shop_monitoring}
                          deployOverlapFactor: 2
                        """.formatted(DEV_BUDGET + 20, PROD_MAX_CONNECTIONS))
                .write("config/dev.yaml", stage("dev-db", "http://localhost:3000", """
                        defaults:
                          maxInstances: 1
                          deploymentType: AllAtOnce
                        """))
                .write("config/staging.yaml", stage("dev-db", "https://staging.desk.example.com", """
                        defaults:
                          maxInstances: 1
                          deploymentType: Linear10PercentEvery1Minute
                        """))
                .write("config/prod.yaml", prodFile())
                .rendered();
    }

    /** Its config/prod.yaml. */
    public static String prodFile() {
        return stage("prod-db", "https://desk.example.com", """
                defaults:
                  maxInstances: 2
                functions:
                  agents:
                    maxInstances: 5
                  health:
                    maxInstances: 2
                """);
    }

    private static String stage(String database, String corsOrigin, String instances) {
        return "database: " + database + "\nregion: eu-west-1\ncorsOrigins: [" + corsOrigin + "]\n"
                + "todayTimeZone: UTC\nmetricsCacheSeconds: 10\n" + instances;
    }
}
