package com.taskdesk.spam;

import com.taskdesk.db.ConstraintViolationException;
import com.taskdesk.db.Database;
import com.taskdesk.http.StaleManagerTokenException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What both spam writes take, in this order: the caller's user id (checked against "User" by
 * the statement itself) and the distinct raw message ids (text[]).
 */
record SpamRequest(String callerId, List<String> rawMessageIds) implements Database.Parameters {

    /** "TaskHistory"."actorId" -> "User": the caller each history row names. */
    static final String HISTORY_ACTOR = "TaskHistory_actorId_fkey";

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
     * A caller who is no longer an active manager in "User" changed nothing: 403. So did one
     * removed while the statement ran, after it checked them: the history row's foreign key
     * then refuses the whole statement.
     */
    <T> T write(Database database, String sql, Database.Rows<T> counts) {
        try {
            return database.query(sql, this, rows -> {
                rows.next();
                if (!rows.getBoolean("caller_may_write")) {
                    throw new StaleManagerTokenException();
                }
                return counts.read(rows);
            });
        } catch (ConstraintViolationException e) {
            if (HISTORY_ACTOR.equals(e.constraint())) {
                throw new StaleManagerTokenException();
            }
            throw e;
        }
    }
}
