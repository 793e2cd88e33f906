package com.taskdesk.gameday;

import com.taskdesk.budget.config.Endpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The open agent portals of the game day and what each sends, as contract revision 3 §1 reads the
 * portal's source: its task list every 5 s ({@code email=<own>&order=asc}), its completed column
 * every 30 s ({@code email=<own>&date=<today>}) and a heartbeat every 30 s ({@code {"email": <own>}}),
 * each with the agent's own token (role AGENT, its address as the "User" row holds it). The agents are
 * the demo data's active ones with role AGENT; with more portals than agents, some agents have two
 * tabs open.
 */
final class AgentPortals {

    /** The agent portal's routes and how often one open portal calls each (milliseconds). */
    static final Map<String, Long> POLLS =
            Map.of("agent-tasks", 5_000L, "completed-today", 30_000L, "heartbeat", 30_000L);

    private final List<Bearer> agents;
    private final int portals;
    private final ZoneId today;

    private AgentPortals(List<Bearer> agents, int portals, ZoneId today) {
        this.agents = agents;
        this.portals = portals;
        this.today = today;
    }

    /** {@code portals} open portals over the database's active agents; "today" in the stage's reporting zone. */
    static AgentPortals open(GameDayDatabase database, int portals, String todayTimeZone) {
        List<Bearer> agents = new ArrayList<>();
        try (Connection admin = database.superuser();
                PreparedStatement statement = admin.prepareStatement("SELECT \"id\", \"email\" FROM \"User\""
                        + " WHERE \"role\" = 'AGENT' AND \"isActive\" ORDER BY \"id\"");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                agents.add(Bearer.agent(rows.getString(1), rows.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the game day's agents", e);
        }
        if (agents.isEmpty() && portals > 0) {
            throw new IllegalStateException("the demo data has no active agent with role AGENT for the portals");
        }
        return new AgentPortals(List.copyOf(agents), portals, ZoneId.of(todayTimeZone));
    }

    int portals() {
        return portals;
    }

    static boolean serves(Endpoint endpoint) {
        return POLLS.containsKey(endpoint.functionName());
    }

    /** What portal {@code portal} sends this route of the portal, with its agent's token. */
    Call request(Endpoint endpoint, int portal, String source) {
        Bearer agent = agents.get(portal % agents.size());
        return switch (endpoint.functionName()) {
            case "agent-tasks" -> Call.get(endpoint, Map.of("email", agent.email(), "order", "asc"), agent, source);
            case "completed-today" ->
                Call.get(
                        endpoint,
                        Map.of(
                                "email",
                                agent.email(),
                                "date",
                                LocalDate.now(today).toString()),
                        agent,
                        source);
            case "heartbeat" ->
                new Call(endpoint, Map.of(), "{\"email\": \"" + agent.email() + "\"}", agent, List.of(), source);
            default -> throw new IllegalArgumentException(endpoint + " is no route of the agent portal");
        };
    }
}
