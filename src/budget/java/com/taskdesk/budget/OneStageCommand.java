package com.taskdesk.budget;

import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** A command about one stage. */
abstract class OneStageCommand implements Callable<Integer> {
    @ParentCommand
    BudgetTool tool;

    @Option(names = "--stage", required = true)
    String stage;
}
