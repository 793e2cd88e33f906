package com.taskdesk.portal;

import com.taskdesk.db.Database;
import com.taskdesk.http.RefusedException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a statement that starts from the target user by address and left-joins what it reads
 * (only while the user is active): no row is no such user (404), a first row with {@code
 * target_active} false a paused one (403), a row whose {@code id} is NULL an empty list.
 */
final class TargetRows {

    private TargetRows() {}

    static <T> List<T> entries(ResultSet rows, Database.Rows<T> entry) throws SQLException {
        if (!rows.next()) {
            throw RefusedException.notFound("User not found");
        }
        if (!rows.getBoolean("target_active")) {
            throw RefusedException.forbidden("User account is paused");
        }
        List<T> entries = new ArrayList<>();
        if (rows.getString("id") != null) {
            do {
                entries.add(entry.read(rows));
            } while (rows.next());
        }
        return entries;
    }
}
