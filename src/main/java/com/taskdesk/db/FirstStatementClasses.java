package com.taskdesk.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The classes a cold function's first statement loads (first-statement-classes.txt beside this
 * class), loaded and initialised while the function starts instead of in its first request. No
 * connection is opened: only classes are loaded. None of them is loaded by start-up itself, so
 * loading them on another thread while Quarkus starts cannot deadlock with it. A name this driver
 * no longer has is skipped: the first request then loads what it needs.
 */
public final class FirstStatementClasses {

    static final String LIST = "first-statement-classes.txt";

    private FirstStatementClasses() {}

    public static void load() {
        ClassLoader loader = FirstStatementClasses.class.getClassLoader();
        for (String name : names()) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // not in this version of the driver or the JDK
            }
        }
    }

    /** The list's class names, comments and blank lines left out. */
    static List<String> names() {
        try (InputStream in = FirstStatementClasses.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
