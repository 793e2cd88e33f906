package com.taskdesk.budget;

import java.util.LinkedHashMap;
import java.util.Map;

/** Stage files written by tests: all seven functions at their real routes, with the numbers a test needs. */
final class TestStages {

    private TestStages() {
    }

    /**
     * A stage file.
     *
     * @param maxInstances per function; a function left out gets no maxInstances (no cap)
     */
    static String stage(String stage, String database, int maxConnections, int reserved, int overlap, String pooler,
                        int connectionLimit, Map<String, Integer> maxInstances) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("stage: ").append(stage).append('\n');
        yaml.append("database:\n");
        yaml.append("  name: ").append(database).append('\n');
        yaml.append("  postgresVersion: 16\n");
        yaml.append("  maxConnections: ").append(maxConnections).append('\n');
        yaml.append("  reservedConnections: ").append(reserved).append('\n');
        yaml.append("  pooler: ").append(pooler).append('\n');
        yaml.append("  deployOverlapFactor: ").append(overlap).append('\n');
        yaml.append("defaults:\n");
        yaml.append("  connectionLimit: ").append(connectionLimit).append('\n');
        yaml.append("  poolTimeoutSeconds: 2\n");
        yaml.append("  connectTimeoutSeconds: 3\n");
        yaml.append("  statementTimeoutSeconds: 5\n");
        yaml.append("  timeoutMarginSeconds: 3\n");
        yaml.append("  functionTimeoutSeconds: 15\n");
        yaml.append("  memoryMb: 512\n");
        yaml.append("functions:\n");
        for (Endpoint endpoint : Endpoint.values()) {
            yaml.append("  ").append(endpoint.functionName()).append(":\n");
            yaml.append("    route: ").append(endpoint.route()).append('\n');
            Integer instances = maxInstances.get(endpoint.functionName());
            if (instances != null) {
                yaml.append("    maxInstances: ").append(instances).append('\n');
            }
        }
        return yaml.toString();
    }

    /** Every function the same number of instances. */
    static Map<String, Integer> each(int instances) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (Endpoint endpoint : Endpoint.values()) {
            map.put(endpoint.functionName(), instances);
        }
        return map;
    }
}
