package com.taskdesk.budget.render;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.BudgetException;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deploy files config/ renders (never read back): render writes them; check renders again and
 * reports each committed file that differs, with a unified diff.
 */
public final class DeployFiles {

    private DeployFiles() {}

    public static Map<String, String> render(BudgetConfig config) {
        managedInstancesDeployable(config);
        Map<String, String> files = new LinkedHashMap<>();
        for (StageConfig stage : config.stages()) {
            files.put(SamTemplate.file(stage), SamTemplate.render(stage));
        }
        files.putAll(EdgeStack.render(config));
        files.put(SamTemplate.DEFAULT_FILE, SamTemplate.renderDefault(config));
        files.put(ServerlessFile.FILE, ServerlessFile.render(config));
        files.put(SamConfig.FILE, SamConfig.render(config));
        files.putAll(EventFiles.render());
        files.putAll(FrontDoorFiles.render(config));
        files.putAll(AppDatabaseFiles.render(config));
        for (StageConfig stage : config.stages()) {
            files.put(DeployRoleTemplate.file(stage), DeployRoleTemplate.render(stage));
        }
        return files;
    }

    /** On Lambda Managed Instances a function's capacity provider launches instances in the stage's VPC. */
    private static void managedInstancesDeployable(BudgetConfig config) {
        for (StageConfig stage : config.stages()) {
            for (FunctionBudget function : stage.functions()) {
                if (function.onManagedInstances() && stage.network() == null) {
                    throw BudgetException.configuration(stage.fileName() + ": functions." + function.name()
                            + " runs on Lambda Managed Instances, whose capacity provider launches instances in the"
                            + " stage's VPC: give the stage a network (subnetIds, securityGroupIds)");
                }
            }
        }
    }

    /** Writes the files that changed, and deletes the front door rules config/ no longer renders; their names. */
    public static List<String> write(Path project, Map<String, String> files) {
        List<String> written = new ArrayList<>();
        for (String orphan : FrontDoorFiles.orphans(project, files)) {
            try {
                Files.delete(project.resolve(orphan));
            } catch (IOException e) {
                throw BudgetException.configuration(orphan + ": cannot be deleted (" + e.getMessage() + ")");
            }
            written.add(orphan + " (deleted)");
        }
        files.forEach((name, text) -> {
            if (!text.equals(committed(project, name))) {
                try {
                    Files.createDirectories(project.resolve(name).getParent());
                    Files.writeString(project.resolve(name), text);
                } catch (IOException e) {
                    throw BudgetException.configuration(name + ": cannot be written (" + e.getMessage() + ")");
                }
                written.add(name);
            }
        });
        return written;
    }

    /**
     * One finding per committed file that is not what config/ renders, its message ending in the diff,
     * and one per SAM template config/ no longer renders (a stage removed), which a deploy could still
     * pick up.
     */
    public static List<Finding> stale(Path project, Map<String, String> files) {
        List<Finding> findings = new ArrayList<>();
        for (String orphan : FrontDoorFiles.orphans(project, files)) {
            findings.add(new Finding(
                    Finding.Kind.DEPLOY_FILE_STALE,
                    orphan,
                    Set.of(),
                    orphan + " is no longer rendered from config/ (run: " + CfnYaml.RENDER_COMMAND
                            + ", which deletes it)"));
        }
        try (var listed = Files.list(project)) {
            listed.map(path -> path.getFileName().toString())
                    .filter(name -> (name.matches(SamTemplate.FILE_PATTERN) || name.matches(EdgeStack.FILE_PATTERN))
                            && !files.containsKey(name))
                    .sorted()
                    .forEach(name -> findings.add(new Finding(
                            Finding.Kind.DEPLOY_FILE_STALE,
                            name,
                            Set.of(),
                            name + " is not rendered from config/ (no stage of that name): delete it")));
        } catch (IOException e) {
            throw BudgetException.configuration(project + ": cannot be listed (" + e.getMessage() + ")");
        }
        files.forEach((name, rendered) -> {
            String committed = committed(project, name);
            if (!rendered.equals(committed)) {
                List<String> before =
                        committed == null ? List.of() : committed.lines().toList();
                List<String> after = rendered.lines().toList();
                List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(
                        name + " (committed)",
                        name + " (rendered from config/)",
                        before,
                        DiffUtils.diff(before, after),
                        2);
                findings.add(new Finding(
                        Finding.Kind.DEPLOY_FILE_STALE,
                        name,
                        Set.of(),
                        name
                                + (committed == null ? " is missing" : " differs from what config/ renders")
                                + " (run: " + CfnYaml.RENDER_COMMAND + ")\n"
                                + (diff.isEmpty()
                                        ? "(only the line endings or the final newline differ)"
                                        : String.join("\n", diff))));
            }
        });
        return findings;
    }

    private static String committed(Path project, String name) {
        try {
            return Files.readString(project.resolve(name));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw BudgetException.configuration(name + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
