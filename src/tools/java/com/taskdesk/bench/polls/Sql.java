package com.taskdesk.bench.polls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** One statement on one connection, every row read, as a caller does: its rows, each as its columns. */
final class Sql {

    private Sql() {}

    static List<Object[]> run(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] == null) {
                    statement.setNull(i + 1, Types.VARCHAR);
                } else {
                    statement.setObject(i + 1, parameters[i]);
                }
            }
            List<Object[]> rows = new ArrayList<>();
            if (statement.execute()) {
                try (ResultSet result = statement.getResultSet()) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        Object[] row = new Object[columns];
                        for (int c = 0; c < columns; c++) {
                            row[c] = result.getObject(c + 1);
                        }
                        rows.add(row);
                    }
                }
            }
            return rows;
        }
    }

    /** {@code "id" IN (?, ?, ...)} as Prisma writes a relation load, for these values. */
    static String in(String column, Collection<?> values) {
        return column + " IN ("
                + String.join(", ", values.stream().map(v -> "?").toList()) + ")";
    }
}
