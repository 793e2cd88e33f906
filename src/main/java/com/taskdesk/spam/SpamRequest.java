package com.taskdesk.spam;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.taskdesk.db.Database;
import com.taskdesk.http.StaleManagerTokenException;

/**
 * What both spam writes take, in this order: the caller's user id (checked against "User" by
 * the statement itself) and the distinct raw message ids (text[]).
 */
record SpamRequest(String callerId, List<String> rawMessageIds) implements Database.Parameters {

    /** @throws com.taskdesk.http.BadRequestException when the body is not a valid ids request */
    static SpamRequest of(String body, JsonWebToken caller) {
        return new SpamRequest(caller.getClaim("userId"), RawMessageIds.parse(body));
    }

    @Override
    public void bind(PreparedStatement statement) throws SQLException {
        statement.setString(1, callerId);
        statement.setArray(2, statement.getConnection().createArrayOf("text", rawMessageIds.toArray()));
    }

    /**
     * Runs a spam write whose statement answers {@code caller_may_write} beside its counts.
     * A caller who is no longer an active manager in "User" changed nothing: 403.
     */
    <T> T write(Database database, String sql, Database.Rows<T> counts) {
        return database.query(sql, this, rows -> {
            rows.next();
            if (!rows.getBoolean("caller_may_write")) {
                throw new StaleManagerTokenException();
            }
            return counts.read(rows);
        });
    }
}
