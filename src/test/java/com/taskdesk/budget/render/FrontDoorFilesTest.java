package com.taskdesk.budget.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.taskdesk.budget.FrontDoorProject;
import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.FrontDoor;
import com.taskdesk.budget.config.StageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What render writes into front-door/&lt;stage&gt;/, read back as the app's host reads it: one rule per
 * moved route, from the same list as the deploy files, and nothing left over when config/ changes.
 * (FrontDoorBrowserTest runs the rules themselves in a real Next.js and a real proxy.)
 */
class FrontDoorFilesTest {

    private static final String APP = "https://desk.shop.example";
    private static final String API = "https://abc123.execute-api.eu-west-1.amazonaws.com";

    @TempDir
    Path temp;

    private FrontDoorProject stage(String host, String moves) {
        return FrontDoorProject.in(temp)
                .stage(
                        "shop",
                        List.of(APP),
                        "frontDoor: {host: " + host + ", appOrigin: " + APP + ", apiUrl: '" + API + "'"
                                + (moves == null ? "" : ", moves: [" + moves + "]") + "}\n");
    }

    @Test
    void netlifyGetsOneForcedRewriteWithStatus200PerMovedRouteToTheStagesApi() throws Exception {
        FrontDoorProject project = stage("netlify", null);
        assertEquals(0, project.run("render").exitCode());

        JsonNode toml = new TomlMapper().readTree(project.read("front-door/shop/netlify.toml"));

        List<Map<String, Object>> expected = new ArrayList<>();
        for (Endpoint endpoint : FrontDoor.appRoutes()) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("from", endpoint.path());
            rule.put("to", API + endpoint.path());
            rule.put("status", 200);
            rule.put("force", true);
            expected.add(rule);
        }
        assertEquals(new ObjectMapper().valueToTree(Map.of("redirects", expected)), toml);
        assertTrue(
                project.read("front-door/shop/netlify.toml").contains("\n[[redirects]]\nfrom = "),
                "the form netlify.toml's documentation shows");
    }

    @Test
    void nextJsGetsABeforeFilesRewritePerMovedRouteInAModuleNextConfigRequires() throws Exception {
        FrontDoorProject project = stage("nextjs", "metrics, agent-progress");
        project.run("render");

        String module = project.read("front-door/shop/next-rewrites.js");
        assertTrue(module.contains("\n//   async rewrites() { return require('./next-rewrites.js'); },\n"), module);
        String exported = module.substring(module.indexOf("module.exports = ") + "module.exports = ".length());
        assertTrue(exported.endsWith(";\n"), exported);

        assertEquals(
                new ObjectMapper().readTree("""
                        {"beforeFiles": [
                          {"source": "/api/manager/dashboard/agent-progress",
                           "destination": "%1$s/api/manager/dashboard/agent-progress"},
                          {"source": "/api/manager/dashboard/metrics",
                           "destination": "%1$s/api/manager/dashboard/metrics"}]}
                        """.formatted(API)),
                new ObjectMapper().readTree(exported.substring(0, exported.length() - 2)),
                "in route order, whatever order config/ lists them in");
    }

    @Test
    void aStageThatChangesItsHostLeavesNoStaleRuleBehind() {
        FrontDoorProject project = stage("netlify", null);
        project.run("render");
        assertTrue(project.exists("front-door/shop/netlify.toml"));

        stage("nextjs", null);
        FrontDoorProject.Run check = project.run("check");
        assertEquals(1, check.exitCode());
        assertTrue(
                check.err()
                        .contains("error: front-door/shop/netlify.toml is no longer rendered from config/ (run: "
                                + CfnYaml.RENDER_COMMAND + ", which deletes it)"),
                check.err());
        assertTrue(check.err().contains("error: front-door/shop/next-rewrites.js is missing"), check.err());

        assertEquals(0, project.run("render").exitCode());
        assertFalse(project.exists("front-door/shop/netlify.toml"));
        assertTrue(project.exists("front-door/shop/next-rewrites.js"));
        assertEquals(0, project.run("check").exitCode(), project.run("check").err());
    }

    /**
     * A rule is its route's exact path, never a prefix or a pattern: /api/agent/tasks moves, and the
     * agents' writes under it (/api/agent/tasks/{id}/start, complete, assistance...) stay with the app.
     * Netlify matches a {@code from} without {@code *} or {@code :name} exactly; Next.js a {@code source}
     * without {@code :name}, {@code *} or {@code (...)} likewise.
     */
    @Test
    void everyShippedRuleIsItsRoutesExactPathSoTheAgentsWritesUnderItStayWithTheApp() throws Exception {
        List<String> paths = Endpoint.all().stream().map(Endpoint::path).toList();
        List<String> sources = new ArrayList<>();
        for (StageConfig stage : ConfigFiles.load(ProjectCopy.PROJECT).stages()) {
            if (stage.frontDoor() == null) {
                continue;
            }
            String file = FrontDoorFiles.file(stage);
            String text = java.nio.file.Files.readString(ProjectCopy.PROJECT.resolve(file));
            if (file.endsWith(".toml")) {
                new TomlMapper()
                        .readTree(text)
                        .path("redirects")
                        .forEach(rule -> sources.add(rule.path("from").asText()));
            } else {
                String exported = text.substring(text.indexOf("module.exports = ") + "module.exports = ".length());
                new ObjectMapper()
                        .readTree(exported.substring(0, exported.lastIndexOf(';')))
                        .path("beforeFiles")
                        .forEach(rule -> sources.add(rule.path("source").asText()));
            }
        }

        assertTrue(sources.contains("/api/agent/tasks"), sources.toString());
        for (String source : sources) {
            assertTrue(paths.contains(source), source + " is a function's exact path");
            assertFalse(source.matches(".*[*:(].*"), source + " has no splat, placeholder or pattern");
        }
    }

    @Test
    void aStageWithoutAFrontDoorRendersNoRules() {
        FrontDoorProject project = FrontDoorProject.in(temp).stage("shop", List.of(APP), "");

        assertEquals(Map.of(), FrontDoorFiles.render(project.config()));
    }
}
