package com.taskdesk.bench.dbtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements one dashboard load (agents + agent-progress + metrics) sends, for one
 * way of writing them. Each is run on one connection, one after another, every row read.
 */
interface DashboardLoad {

    String name();

    /** Runs one load; the number of statements it sent. */
    int run(Connection connection, LocalDateTime todayStart, LocalDateTime todayEnd) throws SQLException;

    /** Executes a statement with these parameters and reads every row; returns the first column of each row. */
    static List<Object> execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Object> first = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int c = 1; c <= columns; c++) {
                        rows.getObject(c);
                    }
                    first.add(rows.getObject(1));
                }
            }
            return first;
        }
    }
}
