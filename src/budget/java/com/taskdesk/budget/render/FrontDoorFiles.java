package com.taskdesk.budget.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.BudgetException;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.FrontDoor;
import com.taskdesk.budget.config.StageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * front-door/&lt;stage&gt;/: the rules the owning app's repository takes, one per moved route, from
 * the same {@link Endpoint} list as the deploy files: a netlify.toml fragment ({@code [[redirects]]},
 * status 200, force) or a Next.js {@code rewrites()} module ({@code beforeFiles}), by the stage's
 * {@link FrontDoor.Host}. Rendered with the deploy files and proven current the same way.
 */
public final class FrontDoorFiles {

    public static final String DIRECTORY = "front-door";

    private static final TomlMapper TOML = new TomlMapper();

    private FrontDoorFiles() {}

    /** front-door/&lt;stage&gt;/&lt;rules file&gt; for every stage with a front door. */
    public static Map<String, String> render(BudgetConfig config) {
        Map<String, String> files = new LinkedHashMap<>();
        for (StageConfig stage : config.stages()) {
            FrontDoor door = stage.frontDoor();
            if (door != null) {
                files.put(
                        file(stage),
                        switch (door.host()) {
                            case NETLIFY -> netlifyToml(stage, door);
                            case NEXTJS -> nextRewrites(stage, door);
                        });
            }
        }
        return files;
    }

    /** front-door/prod/netlify.toml */
    public static String file(StageConfig stage) {
        return DIRECTORY + "/" + stage.name() + "/" + stage.frontDoor().host().rulesFile();
    }

    /**
     * Files under front-door/ that config/ no longer renders (a stage without a front door now, or on
     * another host): render deletes them, check reports them, so no stale rule is copied to the app.
     */
    static List<String> orphans(Path project, Map<String, String> rendered) {
        Path directory = project.resolve(DIRECTORY);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> project.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> !rendered.containsKey(name))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw BudgetException.configuration(DIRECTORY + ": cannot be listed (" + e.getMessage() + ")");
        }
    }

    private static String netlifyToml(StageConfig stage, FrontDoor door) {
        StringBuilder toml = new StringBuilder(CfnYaml.header(about(stage, door)
                + "\nAdd these rules to the app's netlify.toml, before any catch-all rule (Netlify takes the first"
                + "\nrule that matches). Status 200 makes each a proxy: the browser stays on the app's host, and"
                + "\nthe query string and cookies travel; force = true because the app's own route exists at the"
                + "\nsame path. Roll-back: remove them (the app's own routes answer again)."));
        for (Endpoint endpoint : door.moved()) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("from", endpoint.path());
            rule.put("to", door.destination(endpoint));
            rule.put("status", 200);
            rule.put("force", true);
            toml.append("\n# ").append(endpoint.functionName()).append('\n');
            toml.append("[[redirects]]\n").append(write(rule));
        }
        return toml.toString();
    }

    private static String nextRewrites(StageConfig stage, FrontDoor door) {
        List<Map<String, String>> rules = door.moved().stream()
                .map(endpoint -> {
                    Map<String, String> rule = new LinkedHashMap<>();
                    rule.put("source", endpoint.path());
                    rule.put("destination", door.destination(endpoint));
                    return rule;
                })
                .toList();
        String comment = CfnYaml.header(about(stage, door)
                        + "\nIn the app's next.config.js:"
                        + "\n  async rewrites() { return require('./"
                        + door.host().rulesFile() + "'); },"
                        + "\n(or put its beforeFiles first in the beforeFiles the app already returns). beforeFiles"
                        + "\nare checked before the app's own routes at the same paths; each proxies one route to"
                        + "\nthe stage's API, query string and cookies included. Roll-back: remove them.")
                .replaceAll("(?m)^#", "//");
        try {
            return comment + "module.exports = " + EventFiles.JSON.writeValueAsString(Map.of("beforeFiles", rules))
                    + ";\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String about(StageConfig stage, FrontDoor door) {
        return "The front door of stage " + stage.name() + " (" + stage.fileName() + "; docs/front-door.md):\n"
                + door.host().configName() + " at " + door.appOrigin() + " proxies "
                + door.moved().size()
                + " route(s) to " + door.apiUrl() + "."
                + (door.apiUrlFromStack()
                        ? "\n" + FrontDoor.API_URL + " is the stack's " + output(stage)
                                + " output, filled in as the rules are installed:"
                                + "\n  api=$(aws cloudformation describe-stacks --region "
                                + (stage.edge() == null ? stage.region() : EdgeStack.REGION) + " --stack-name "
                                + (stage.edge() == null
                                        ? DeployContract.SAM_STACK_PREFIX + stage.name()
                                        : EdgeStack.stackName(stage))
                                + " --query \"Stacks[0].Outputs[?OutputKey=='" + output(stage)
                                + "'].OutputValue\" --output text)"
                                + "\n  sed \"s|\\${API_URL}|$api|g\" " + file(stage)
                        : "");
    }

    /** With an edge the front door sends the routes to CloudFront (EdgeUrl), else to the API (ApiUrl). */
    private static String output(StageConfig stage) {
        return stage.edge() == null ? "ApiUrl" : "EdgeUrl";
    }

    private static String write(Map<String, Object> rule) {
        try {
            return TOML.writeValueAsString(rule);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
