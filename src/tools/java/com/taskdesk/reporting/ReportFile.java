package com.taskdesk.reporting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Markdown file whose generated parts sit between {@code <!-- bench:NAME -->} and
 * {@code <!-- /bench:NAME -->}: the benchmark replaces what is between the markers and leaves
 * the prose around them as it is.
 */
public final class ReportFile {

    private ReportFile() {}

    /** Copies {@code source} to {@code target} with these sections replaced; sections not given stay as they are. */
    public static void write(Path source, Path target, Map<String, String> sections) throws IOException {
        String text = Files.readString(source);
        for (Map.Entry<String, String> section : sections.entrySet()) {
            String begin = "<!-- bench:" + section.getKey() + " -->";
            String end = "<!-- /bench:" + section.getKey() + " -->";
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            if (from < 0 || to < from) {
                continue;
            }
            text = text.substring(0, from + begin.length()) + "\n"
                    + section.getValue().strip() + "\n" + text.substring(to);
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, text);
    }
}
