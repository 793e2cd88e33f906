package com.taskdesk.testing;

import io.quarkus.logging.json.runtime.JsonFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** Records what the application logs while open (JBoss LogManager sits behind java.util.logging). */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    public CapturedLog() {
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        if (record instanceof ExtLogRecord logged) {
            logged.copyAll(); // the MDC as it was when the line was logged
        }
        records.add(record);
    }

    /**
     * Every record as a deployed function writes it: one JSON object per line, by the formatter
     * quarkus-logging-json installs outside dev and test mode (with its default settings, as deployed).
     */
    public List<String> json() {
        JsonFormatter deployed = new JsonFormatter();
        return records.stream().map(record -> deployed.format(record).strip()).toList();
    }

    /** Every record as its formatted message plus the messages of its exception chain. */
    public List<String> lines() {
        return records.stream().map(CapturedLog::render).toList();
    }

    private static String render(LogRecord record) {
        StringBuilder line = new StringBuilder(record.getLevel() + " " + record.getLoggerName() + ": ");
        String message = record.getMessage();
        Object[] parameters = record.getParameters();
        if (message != null && parameters != null && parameters.length > 0) {
            try {
                message = String.format(message, parameters);
            } catch (RuntimeException e) {
                message = java.text.MessageFormat.format(message, parameters);
            }
        }
        line.append(message);
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            line.append(" | ").append(t);
        }
        return line.toString();
    }

    public String all() {
        return String.join("\n", lines());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
