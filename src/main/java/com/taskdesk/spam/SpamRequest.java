package com.taskdesk.spam;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.taskdesk.db.Database;

/**
 * What both spam statements take, in this order: the distinct raw message ids (text[]) and
 * the user id of the manager who asked (for the history rows).
 */
record SpamRequest(List<String> rawMessageIds, String actorId) implements Database.Parameters {

    /** @throws com.taskdesk.http.BadRequestException when the body is not a valid ids request */
    static SpamRequest of(String body, JsonWebToken caller) {
        return new SpamRequest(RawMessageIds.parse(body), caller.getClaim("userId"));
    }

    @Override
    public void bind(PreparedStatement statement) throws SQLException {
        statement.setArray(1, statement.getConnection().createArrayOf("text", rawMessageIds.toArray()));
        statement.setString(2, actorId);
    }
}
