package com.taskdesk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The owning app's schema as production has it, from the Flyway migrations that mirror it (V1, V4
 * and V6 for the app's snapshot of 2026-05-20), without the opt-in indexes (V2, V3, V5), for a
 * database a test or a benchmark sets up itself instead of through Flyway. One string of
 * statements, for one {@code execute}.
 */
public final class AppSchema {

    /** The migrations that mirror the app's own schema, in the order Flyway applies them. */
    static final List<String> MIGRATIONS =
            List.of("V1__prisma_schema.sql", "V4__app_snapshot_2026_05_20.sql", "V6__app_snapshot_revision_three.sql");

    private AppSchema() {}

    public static String sql() {
        StringBuilder sql = new StringBuilder();
        for (String file : MIGRATIONS) {
            String resource = "/db/migration/" + file;
            try (InputStream in = AppSchema.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is not on the class path");
                }
                sql.append(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sql.toString();
    }
}
