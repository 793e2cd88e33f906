package com.taskdesk.budget.check;

import com.taskdesk.budget.config.DatabaseTls;
import com.taskdesk.budget.config.DatabaseUrlParameters;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.StageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stage whose database URL names a CA bundle under the function's own directory needs that file in
 * function.zip, which Quarkus builds from src/main/zip.jvm: without it every connection fails (pgjdbc
 * cannot open the bundle, the function answers 503). A warning: the bundle is AWS's to download, once,
 * before the stage's first build (docs/deploy.md), and check passes without it.
 */
public final class CaBundleCheck {

    private CaBundleCheck() {}

    public static List<Finding> run(Path project, List<StageConfig> stages) {
        List<Finding> findings = new ArrayList<>();
        for (StageConfig stage : stages) {
            DatabaseUrlParameters url = stage.database().databaseUrl();
            String bundle = url.sslrootcert();
            if (bundle != null && bundle.startsWith(DatabaseTls.FUNCTION_ROOT)) {
                Path file = project.resolve(DatabaseTls.ZIP_ROOT)
                        .resolve(bundle.substring(DatabaseTls.FUNCTION_ROOT.length()));
                if (!Files.isRegularFile(file)) {
                    findings.add(Finding.of(
                            Finding.Kind.CA_BUNDLE_MISSING,
                            stage.name() + "/database",
                            List.of(stage.name()),
                            "sslrootcert " + bundle + " (config/databases.yaml "
                                    + stage.database().name()
                                    + ".databaseUrl) is not in function.zip: " + project.relativize(file)
                                    + " is missing, so every connection would fail with a 503; put AWS's RDS CA"
                                    + " bundle there before building (docs/deploy.md, step 1)"));
                }
            }
        }
        return findings;
    }
}
