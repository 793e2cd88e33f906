package com.taskdesk.budget.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.taskdesk.budget.FrontDoorProject;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.FrontDoor;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.AppSite;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.HeadlessChromium;
import com.taskdesk.testing.NeedsBrowserPath;
import com.taskdesk.testing.NetlifyStandIn;
import com.taskdesk.testing.NextJsApp;
import com.taskdesk.testing.ServerProcess;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.Cookie;

/**
 * Today's front end, in a real headless Chromium, reaches the functions (the mock event server)
 * through the rendered front door rules themselves, run by the real thing: a Next.js from npm with
 * the rendered rewrites module, and a real reverse proxy (nginx) configured from the rendered
 * netlify.toml. Each app host signs in as the app does (auth-token HttpOnly, SameSite=Strict,
 * host-only) and has its own routes at the moved paths, which the rules must win over; the page
 * calls the routes with relative URLs as the app's pages do. The rules come from a config/ of the
 * test's own whose stages pass check.
 */
@QuarkusTest
@TestProfile(FrontDoorBrowserTest.AppHosts.class)
@NeedsBrowserPath
@EnabledIf("com.taskdesk.testing.BrowserPath#nextJsInstalled")
class FrontDoorBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WORK = Path.of("target/front-door-browser").toAbsolutePath();
    /** The API's own host, as a second name of the mock event server. */
    private static final String API_HOST = "api.test";
    /** The agent who opens the portal (an active AGENT of the fixtures), and the token of their cookie. */
    private static final String AGENT = "agent-text";

    private static final String AGENT_EMAIL = AGENT + "@taskdesk.example";
    private static final String AGENT_TOKEN = Tokens.withRole(AGENT, "AGENT");
    /** The day the portal's completed column shows (the page sends it), and a task completed on it. */
    private static final String DAY = "2026-05-20";
    /** An agent's write the app keeps (the portal's Start button), in the App Router's form. */
    private static final String START_ROUTE = "/api/agent/tasks/[id]/start";

    /** The two app hosts are allowed origins; the metrics are never cached; a statement may run 1 s. */
    public static class AppHosts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "taskdesk.cors.origins",
                    origin("nextjs") + "," + origin("netlify"),
                    "taskdesk.metrics.cache-seconds",
                    "0",
                    "taskdesk.db.statement-timeout-seconds",
                    "1");
        }
    }

    /**
     * The port of one app host, the same in the profile and in the test (a system property: the
     * profile is read before the application starts, in another class loader).
     */
    private static int port(String host) {
        return Integer.parseInt((String) System.getProperties()
                .computeIfAbsent(
                        "taskdesk-test.front-door." + host + "-port",
                        key -> Integer.toString(ServerProcess.freePort())));
    }

    /** http://nextjs-app.test:PORT */
    static String origin(String host) {
        return "http://" + host + "-app.test:" + port(host);
    }

    private static FrontDoorProject project;
    private static NextJsApp nextJs;
    private static NetlifyStandIn netlify;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void renderTheRulesAndStartTheAppHosts() throws IOException {
        Files.createDirectories(WORK);
        Path config = WORK.resolve("project");
        deleteRecursively(config);
        String api = "http://127.0.0.1:" + Api.port();
        String page = resource("front-door/desk.html");
        List<String> moved = calledBy(page);
        project = FrontDoorProject.in(config);
        for (String host : List.of("nextjs", "netlify")) {
            project.stage(
                    host,
                    List.of(origin(host)),
                    "frontDoor: {host: " + host + ", appOrigin: '" + origin(host) + "', apiUrl: '" + api + "', moves: "
                            + moved + "}\n");
        }
        assertEquals(0, project.run("render").exitCode());
        FrontDoorProject.Run check = project.run("check");
        assertEquals(
                0, check.exitCode(), "the test's stages pass check, the front door rules included: " + check.err());

        List<String> appRoutes = FrontDoor.appRoutes().stream()
                .filter(route -> moved.contains(route.functionName()))
                .map(Endpoint::path)
                .toList();
        AppSite site = new AppSite(
                page,
                Map.of("manager-1@taskdesk.example", setCookie(Tokens.manager()), AGENT_EMAIL, setCookie(AGENT_TOKEN)),
                appRoutes,
                List.of(START_ROUTE));
        nextJs = NextJsApp.start(
                WORK.resolve("nextjs"), project.read("front-door/nextjs/next-rewrites.js"), site, port("nextjs"));
        netlify = NetlifyStandIn.start(
                WORK.resolve("netlify"), project.read("front-door/netlify/netlify.toml"), site, port("netlify"));
        chromium = HeadlessChromium.start(Files.createTempDirectory("chromium"));
    }

    /** The app's login answer for this token (the app: httpOnly, sameSite strict, 24 h, no domain). */
    private static String setCookie(String token) {
        return "auth-token=" + token + "; Path=/; Max-Age=86400; HttpOnly; SameSite=Strict";
    }

    /**
     * The functions whose routes the page calls (revisions 2 and 3: the manager pages' and the agent
     * portal's), as frontDoor.moves names them: today's front end moves those.
     */
    private static List<String> calledBy(String page) {
        return FrontDoor.appRoutes().stream()
                .filter(endpoint ->
                        page.contains("'" + endpoint.path() + "'") || page.contains("'" + endpoint.path() + "?"))
                .map(Endpoint::functionName)
                .toList();
    }

    @AfterAll
    static void stopThem() {
        for (AutoCloseable each : new AutoCloseable[] {chromium, nextJs, netlify}) {
            try {
                if (each != null) {
                    each.close();
                }
            } catch (Exception e) {
                System.err.println("closing " + each + ": " + e);
            }
        }
    }

    @Test
    void todaysFrontEndReachesEveryMovedRouteThroughTheRenderedNextJsRewrites() throws IOException {
        List<String> called = thePagesCallsGetTheFunctionsAnswersThrough("nextjs");
        called.addAll(theAgentsPortalGetsTheFunctionsAnswersAndKeepsItsWritesWithTheAppThrough("nextjs"));

        JsonNode rewrites = JSON.readTree(module(project.read("front-door/nextjs/next-rewrites.js")));
        List<String> rules = new ArrayList<>();
        rewrites.path("beforeFiles")
                .forEach(rule -> rules.add(rule.path("source").asText()));
        assertEquals(new TreeSet<>(rules), new TreeSet<>(called), "the page called every moved route: " + nextJs.log());
    }

    @Test
    void todaysFrontEndReachesEveryMovedRouteThroughTheRenderedNetlifyRules() throws IOException {
        List<String> called = thePagesCallsGetTheFunctionsAnswersThrough("netlify");
        called.addAll(theAgentsPortalGetsTheFunctionsAnswersAndKeepsItsWritesWithTheAppThrough("netlify"));

        JsonNode toml = new TomlMapper().readTree(project.read("front-door/netlify/netlify.toml"));
        List<String> rules = new ArrayList<>();
        toml.path("redirects").forEach(rule -> rules.add(rule.path("from").asText()));
        assertEquals(
                new TreeSet<>(rules), new TreeSet<>(called), "the page called every moved route: " + netlify.log());
    }

    /**
     * On the app host: sign in, then the app pages' calls, each answered by the function with
     * revision 2's answer for the fixtures (agent progress: what the function answers directly, and
     * its numbers). Then a 503 whose
     * Retry-After the script reads, and the API's own host, which the cookie never reaches.
     *
     * @return the paths the page called through the front door
     */
    private List<String> thePagesCallsGetTheFunctionsAnswersThrough(String host) {
        seed();
        List<String> called = new ArrayList<>();
        chromium.open(origin(host) + "/desk.html");

        assertEquals(200, status(chromium.await("desk.signIn()")));
        Cookie cookie = chromium.cookie("auth-token");
        assertEquals(host + "-app.test", cookie.getDomain(), "host-only: no Domain attribute");
        assertTrue(cookie.isHttpOnly());
        assertEquals("Strict", cookie.getSameSite());
        assertEquals("", chromium.await("desk.cookies()"), "HttpOnly: the page's script never sees the token");

        // Assign pages: the active HOLDS specialists only (the filter travelled), with revision 2's fields.
        JsonNode agents = answer(chromium.await("desk.agents('HOLDS')"), 200, called);
        assertEquals(json("""
                        {"success": true, "agents": [
                          {"id": "agent-holds", "email": "agent-holds@taskdesk.example", "name": "Holly",
                           "openCount": 1, "emailRequestCount": 0, "textClubCount": 0, "wodIvcsCount": 0,
                           "refundCount": 0, "yotpoCount": 0, "holdsCount": 1, "isLive": false, "lastSeen": null,
                           "agentTypes": ["HOLDS"], "rosterTeam": "Team A"}]}
                        """), agents.path("body"));

        // The overview poll: Text Club's numbers, and each agent's progress in the page's order.
        List<?> overview = (List<?>) chromium.await("desk.overview()");
        JsonNode metrics = answer(overview.get(0), 200, called);
        JsonNode progress = answer(overview.get(1), 200, called);
        assertEquals(json("""
                        {"success": true, "metrics": {"pending": 1, "pendingRawMessages": 1, "spamReview": 0,
                          "completedToday": 0, "totalCompleted": 0, "inProgress": 1, "assignedNotStarted": 1,
                          "activeWork": 2, "assistanceRequired": 0, "totalAll": 3, "pctDone": 0}}
                        """), metrics.path("body"));
        assertEquals(direct(Tokens.manager(), "/api/manager/dashboard/agent-progress"), progress.path("body"));
        JsonNode rows = progress.path("body").path("agentProgress");
        assertEquals(List.of("agent-text", "agent-gone", "agent-holds"), rows.findValuesAsText("id"));
        assertEquals(
                json("{\"assigned\": 2, \"assignedNotStarted\": 1, \"inProgress\": 1, \"completedToday\": 0}"),
                rows.get(0).path("taskTypeBreakdown").path("textClub"));

        assertEquals(
                json("{\"success\": true, \"ready\": 1, \"spamReview\": 0}"),
                answer(chromium.await("desk.spamCounts()"), 200, called).path("body"));

        // Send to Spam Review, bulk: a checked row with a task (its task id, which stands for its raw
        // message) and one without (its raw id); then the Spam Review "Restore" of the promoted one,
        // and the other restored by /spam/restore.
        assertEquals(
                json("{\"success\": true, \"rawsUpdated\": 2, \"tasksMoved\": 1}"),
                answer(chromium.await("desk.sendToSpamReview(['task-promoted'], ['raw-ready'])"), 200, called)
                        .path("body"));
        assertEquals(
                json("{\"success\": true, \"restored\": 1, \"tasksRestored\": 1}"),
                answer(chromium.await("desk.restoreFromReview('raw-promoted', ['free gift'])"), 200, called)
                        .path("body"));
        assertEquals(
                json("{\"success\": true, \"restored\": 1, \"tasksRestored\": 0}"),
                answer(chromium.await("desk.restore(['raw-ready'])"), 200, called)
                        .path("body"));

        // The Holds overview: its active specialists, and the queues (the Holds task has no queue).
        List<?> holds = (List<?>) chromium.await("desk.holdsOverview()");
        assertEquals(json("""
                        {"success": true, "agents": [
                          {"id": "agent-holds", "email": "agent-holds@taskdesk.example", "name": "Holly",
                           "isLive": false, "lastSeen": null, "agentTypes": ["HOLDS"], "holdsCount": 1}]}
                        """), answer(holds.get(0), 200, called).path("body"));
        JsonNode queues = answer(holds.get(1), 200, called).path("body");
        assertEquals(direct(Tokens.manager(), "/api/holds/queues"), queues);
        assertEquals(1, queues.path("data").path("summary").path("totalTasks").asInt());
        assertEquals(
                json("{\"success\": true, \"requests\": []}"),
                answer(chromium.await("desk.assistance()"), 200, called).path("body"));

        try (Fixtures locker = Fixtures.connect()) {
            locker.execute("BEGIN").execute("LOCK TABLE \"RawMessage\" IN ACCESS EXCLUSIVE MODE");
            JsonNode busy = answer(chromium.await("desk.spamCounts()"), 503, called);
            assertEquals("2", busy.path("retryAfter").asText(), "the page's script reads Retry-After");
            assertFalse(busy.path("body").path("success").asBoolean(true));
            locker.execute("ROLLBACK");
        }

        JsonNode apiHost = tree(
                chromium.await("desk.onHost('http://" + API_HOST + ":" + Api.port() + "', '/api/manager/agents')"));
        assertEquals(401, apiHost.path("status").asInt(), "no cookie reaches the API's own host: " + apiHost);
        return new ArrayList<>(called.stream().distinct().toList());
    }

    /**
     * On the app host, an agent signs in (an AGENT cookie) and the portal polls: its task list, its
     * completed column and its heartbeat, each answered by its function exactly as a direct call with
     * the same cookie is. Then the portal's Start button, a write under the task list's path, which
     * the app keeps: the exact-path rules leave it to the app's own route.
     *
     * @return the paths the page called through the front door
     */
    private List<String> theAgentsPortalGetsTheFunctionsAnswersAndKeepsItsWritesWithTheAppThrough(String host) {
        seed();
        try (Fixtures db = Fixtures.connect()) {
            db.task("task-done")
                    .status("COMPLETED")
                    .assignedTo(AGENT)
                    .endTime(LocalDateTime.parse(DAY + "T18:00:00"))
                    .insert();
        }
        List<String> called = new ArrayList<>();
        chromium.open(origin(host) + "/desk.html");
        assertEquals(200, status(chromium.await("desk.signInAs('" + AGENT_EMAIL + "')")));
        assertEquals(401, status(chromium.await("desk.signInAs('nobody@taskdesk.example')")), "only known logins");

        List<?> portal = (List<?>) chromium.await("desk.portal('" + AGENT_EMAIL + "', '" + DAY + "')");
        JsonNode tasks = answer(portal.get(0), 200, called).path("body");
        assertEquals(direct(AGENT_TOKEN, "/api/agent/tasks?email=" + AGENT_EMAIL + "&order=asc"), tasks);
        assertEquals(List.of("task-promoted:IN_PROGRESS", "task-text:PENDING"), rows(tasks.path("tasks")));
        JsonNode completed = answer(portal.get(1), 200, called).path("body");
        assertEquals(
                direct(AGENT_TOKEN, "/api/agent/completed-today?email=" + AGENT_EMAIL + "&date=" + DAY), completed);
        assertEquals(List.of("task-done:COMPLETED"), rows(completed.path("tasks")));
        assertEquals(
                json("{\"success\": true}"), answer(portal.get(2), 200, called).path("body"));
        assertEquals(1, lastSeenSet(AGENT), "the heartbeat set the agent's lastSeen");

        JsonNode start = tree(chromium.await("desk.startTask('task-text')"));
        assertEquals(200, start.path("status").asInt(), "the app's own route answered: " + start);
        assertEquals(
                json(AppSite.KEPT_ANSWER),
                start.path("body"),
                "an agent's write under a moved path stays with the app (exact-path rules): " + start);
        return called;
    }

    /** Each row of an answer's list as id:status, in the answer's order. */
    private static List<String> rows(JsonNode list) {
        List<String> rows = new ArrayList<>();
        list.forEach(row ->
                rows.add(row.path("id").asText() + ":" + row.path("status").asText()));
        return rows;
    }

    /** 1 when the user's "lastSeen" is set, 0 when not. */
    private static int lastSeenSet(String userId) {
        try (Fixtures db = Fixtures.connect();
                var statement = db.connection()
                        .prepareStatement(
                                "SELECT count(*) FROM \"User\" WHERE \"id\" = ? AND \"lastSeen\" IS NOT NULL")) {
            statement.setString(1, userId);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An answer of the page's script, with its status checked; notes the path it called. */
    private static JsonNode answer(Object result, int status, List<String> called) {
        JsonNode answer = tree(result);
        assertEquals(status, answer.path("status").asInt(), "answer: " + answer);
        assertTrue(
                answer.path("contentType").asText().startsWith("application/json"),
                "answered by the functions, not the app's host: " + answer);
        String url = answer.path("url").asText();
        called.add(url.contains("?") ? url.substring(0, url.indexOf('?')) : url);
        return answer;
    }

    private static int status(Object result) {
        return tree(result).path("status").asInt();
    }

    /** The function's answer to the same request sent to it directly, with the same cookie. */
    private static JsonNode direct(String token, String pathAndQuery) {
        return json(Api.anonymous()
                .cookie("auth-token", token)
                .urlEncodingEnabled(false)
                .get(pathAndQuery)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    /**
     * Revision 2's data: a HOLDS specialist, an agent from before specializations (empty
     * agentTypes), an inactive HOLDS specialist; a READY raw message without a task and a promoted
     * one (with its matched phrases) whose task is in progress; another task assigned, not started.
     */
    private static void seed() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .user("agent-holds")
                    .name("Holly")
                    .agentTypes("HOLDS")
                    .rosterTeam("Team A")
                    .createdAt(Fixtures.EPOCH.plusDays(1))
                    .insert()
                    .user("agent-text")
                    .name("Tex")
                    .createdAt(Fixtures.EPOCH.plusDays(2))
                    .insert()
                    .user("agent-gone")
                    .name("Gone")
                    .agentTypes("HOLDS")
                    .inactive()
                    .createdAt(Fixtures.EPOCH.plusDays(3))
                    .insert()
                    .raw("raw-ready", "READY")
                    .raw("raw-promoted")
                    .status("PROMOTED")
                    .previewMatches("[\"free gift\"]")
                    .insert()
                    .task("task-holds")
                    .type("HOLDS")
                    .assignedTo("agent-holds")
                    .insert()
                    .task("task-promoted")
                    .status("IN_PROGRESS")
                    .assignedTo("agent-text")
                    .rawMessage("raw-promoted")
                    .insert()
                    .task("task-text")
                    .assignedTo("agent-text")
                    .insert();
        }
    }

    /** What the page's script returned (maps, lists, longs) as the JSON it was. */
    private static JsonNode tree(Object result) {
        try {
            return json(JSON.writeValueAsString(result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object a rendered rewrites module exports. */
    private static String module(String text) {
        String exported = text.substring(text.indexOf("module.exports = ") + "module.exports = ".length());
        return exported.substring(0, exported.lastIndexOf(';'));
    }

    private static String resource(String name) throws IOException {
        try (var in = FrontDoorBrowserTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path file :
                        files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
