package com.taskdesk.budget;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
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
final class DeployFiles {

    private DeployFiles() {}

    static Map<String, String> render(BudgetConfig config) {
        managedInstancesDeployable(config);
        Map<String, String> files = new LinkedHashMap<>();
        files.put(SamTemplate.FILE, SamTemplate.render(config));
        files.put(ServerlessFile.FILE, ServerlessFile.render(config));
        files.put(SamConfig.FILE, SamConfig.render(config));
        files.putAll(EventFiles.render());
        files.putAll(FrontDoorFiles.render(config));
        return files;
    }

    /**
     * template.yaml serves every stage, and SAM takes no Fn::If in a function's CapacityProviderConfig:
     * a function runs on one model in every stage. On Lambda Managed Instances its capacity provider
     * launches instances in the stage's VPC, so every stage needs a network.
     */
    private static void managedInstancesDeployable(BudgetConfig config) {
        StageConfig first = config.stages().get(0);
        for (Endpoint endpoint : Endpoint.all()) {
            String function = endpoint.functionName();
            boolean managed = first.function(function).onManagedInstances();
            for (StageConfig stage : config.stages()) {
                if (stage.function(function).onManagedInstances() != managed) {
                    StageConfig onManaged = managed ? first : stage;
                    StageConfig onDefault = managed ? stage : first;
                    throw BudgetException.configuration(onDefault.fileName() + ": functions." + function + " runs on"
                            + " Lambda's default model here but on Lambda Managed Instances in " + onManaged.fileName()
                            + ": template.yaml serves every stage and SAM cannot choose a capacity provider by stage;"
                            + " set lambdaManagedInstances for " + function + " in every stage (or once in "
                            + ConfigFiles.DIRECTORY + "/" + ConfigFiles.SHARED + ")");
                }
                if (managed && stage.network() == null) {
                    throw BudgetException.configuration(stage.fileName() + ": functions." + function + " runs on Lambda"
                            + " Managed Instances, whose capacity provider launches instances in the stage's VPC: give"
                            + " the stage a network (subnetIds, securityGroupIds)");
                }
            }
        }
    }

    /** Writes the files that changed, and deletes the front door rules config/ no longer renders; their names. */
    static List<String> write(Path project, Map<String, String> files) {
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

    /** One finding per committed file that is not what config/ renders, its message ending in the diff. */
    static List<Finding> stale(Path project, Map<String, String> files) {
        List<Finding> findings = new ArrayList<>();
        for (String orphan : FrontDoorFiles.orphans(project, files)) {
            findings.add(new Finding(
                    Finding.Kind.DEPLOY_FILE_STALE,
                    orphan,
                    Set.of(),
                    orphan + " is no longer rendered from config/ (run: " + CfnYaml.RENDER_COMMAND
                            + ", which deletes it)"));
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
