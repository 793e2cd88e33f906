package com.taskdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.util.Version;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No library of function.zip is older than the release that fixes its published CVEs: Quarkus
 * 3.33.2's BOM brings pgjdbc 42.7.10 and netty 4.1.133.Final, and the pom raises both (pgjdbc.version,
 * netty.version). The CVE ids are those of the projects' release notes and advisories.
 */
class PublishedCvesTest {

    private static final Comparator<String> VERSION_ORDER = Comparator.comparing(
            version -> Arrays.stream(version.split("[.-]"))
                    .limit(3)
                    .mapToInt(Integer::parseInt)
                    .toArray(),
            Arrays::compare);

    /**
     * 42.7.11: CVE-2026-42198 (a server can demand unbounded SCRAM iterations of the client); 42.7.12:
     * CVE-2026-54291 (channel binding downgrade); 42.7.14: CVE-2026-107314 (requireAuth not enforced in
     * 42.7.11 to 42.7.13).
     */
    @Test
    void pgjdbcIsAtLeast42_7_14() throws ReflectiveOperationException {
        // read at run time: javac would copy the constant into this class when it compiles it
        String version = (String)
                org.postgresql.util.DriverInfo.class.getField("DRIVER_VERSION").get(null);
        assertFalse(VERSION_ORDER.compare(version, "42.7.14") < 0, "pgjdbc " + version);
    }

    /**
     * 4.1.135: CVE-2026-48059, -47691, -44250, -44890, -44249, -44893, -45673, -45416, -45674 and more;
     * 4.1.136: CVE-2026-55833, -55851, -56745, -56818, -56819, -55831, -56746, -56822 and more;
     * 4.1.137: CVE-2026-59903 (netty-codec-http) and fixes in netty-handler without ids yet;
     * 4.1.138: further security fixes without ids yet.
     */
    @Test
    void everyNettyModuleIsAtLeast4_1_138() {
        Map<String, Version> modules = Version.identify();
        List<String> older = modules.values().stream()
                .filter(module -> VERSION_ORDER.compare(module.artifactVersion(), "4.1.138") < 0)
                .map(module -> module.artifactId() + " " + module.artifactVersion())
                .sorted()
                .toList();
        assertFalse(modules.isEmpty());
        assertEquals(List.of(), older);
    }
}
