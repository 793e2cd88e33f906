package com.taskdesk.gameday;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.StageConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The game day calls revision 3's functions as the pages do, and they answer 200: the agent portal's
 * routes with the agent's own token (a manager calling them as the game day once did gets the app's
 * 404 or 400), the Holds overview's and the assistance polls with a manager's, through simulated
 * instances of the functions on stage prod's roles and the demo data.
 */
class AgentPortalsTest {

    private static final BudgetConfig CONFIG = ConfigFiles.load(Path.of(""));
    private static final StageConfig PROD = CONFIG.stage(GameDay.STAGE);
    private static GameDayDatabase database;
    private static AgentPortals portals;

    @BeforeAll
    static void theDemoData() {
        database = GameDayDatabase.start(PROD.database());
        database.applyRoles(CONFIG, PROD, GameDay.SERVER_IDLE_TIMEOUT);
        portals = AgentPortals.open(database, 50, PROD.todayTimeZone());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static Answer send(Call call) {
        try (FunctionInstance instance = FunctionInstance.start(
                call.endpoint(),
                GameDay.environment(PROD, PROD.function(call.function()), database.port()),
                FunctionInstance.OWN_HANDLER)) {
            return instance.handle(call);
        }
    }

    private static Endpoint endpoint(String function) {
        return Endpoint.forFunction(function).orElseThrow();
    }

    @Test
    void everyAgentPortalRouteAnswersTheAgentsOwnToken200() {
        for (String function : AgentPortals.POLLS.keySet()) {
            for (int portal : new int[] {0, 7, 49}) {
                Answer answer = send(portals.request(endpoint(function), portal, "test"));
                assertEquals(200, answer.status(), function + " for portal " + portal + ": " + answer.why());
            }
        }
    }

    @Test
    void theManagerPollsAnswerAManager200AndTheHoldsQueuesReadTheirQuery() {
        Bearer manager = Bearer.manager("manager-1");
        for (String function : new String[] {"holds-agents", "assistance"}) {
            Answer answer = send(Call.get(endpoint(function), Map.of(), manager, "test"));
            assertEquals(200, answer.status(), function + ": " + answer.why());
        }
        Answer summary = send(Call.get(endpoint("holds-queues"), Map.of("summary", "true"), manager, "test"));
        assertEquals(200, summary.status(), summary.why());
        Answer full = send(Call.get(endpoint("holds-queues"), Map.of(), manager, "test"));
        assertEquals(200, full.status(), full.why());
    }

    @Test
    void aManagerCallingTheAgentsTaskListWithoutTheirAddressIsRefusedAsTheAppRefusesIt() {
        Answer answer = send(Call.get(endpoint("agent-tasks"), Map.of(), Bearer.manager("manager-1"), "test"));
        assertEquals(400, answer.status(), "Email parameter required: " + answer.why());
    }
}
