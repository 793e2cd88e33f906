package com.taskdesk.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What is written to standard output while open (and still passed on): the lines a Lambda
 * function's log gets besides its log records, such as CloudWatch EMF lines.
 */
public final class CapturedOutput implements AutoCloseable {

    private final PrintStream original = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    public CapturedOutput() {
        System.setOut(new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        original.write(b);
                        synchronized (captured) {
                            captured.write(b);
                        }
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) {
                        original.write(bytes, offset, length);
                        synchronized (captured) {
                            captured.write(bytes, offset, length);
                        }
                    }

                    @Override
                    public void flush() throws IOException {
                        original.flush();
                    }
                },
                true,
                StandardCharsets.UTF_8));
    }

    public List<String> lines() {
        System.out.flush();
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Override
    public void close() {
        System.out.flush();
        System.setOut(original);
    }
}
