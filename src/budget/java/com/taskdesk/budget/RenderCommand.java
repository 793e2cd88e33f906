package com.taskdesk.budget;

import com.taskdesk.budget.config.ExitCode;
import com.taskdesk.budget.render.DeployFiles;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "render",
        description =
                "Writes template-<stage>.yaml, serverless.yml, samconfig.toml, events/, each stage's front-door/ and deploy-role/ from config/.")
final class RenderCommand implements Callable<Integer> {
    @ParentCommand
    BudgetTool tool;

    @Override
    public Integer call() {
        List<String> written = DeployFiles.write(tool.project, DeployFiles.render(tool.config()));
        tool.out.println(
                written.isEmpty()
                        ? "render: the deploy files already are what config/ renders"
                        : "render: wrote " + String.join(", ", written) + "; now run check");
        return ExitCode.OK.code();
    }
}
