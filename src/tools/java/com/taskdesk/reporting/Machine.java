package com.taskdesk.reporting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a report says of the machine it ran on. */
public final class Machine {

    private Machine() {}

    /** The CPU's model name, as Linux reports it. */
    public static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name"))
                .findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .orElse("unknown CPU");
    }
}
