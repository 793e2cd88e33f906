package com.taskdesk.budget.check;

import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;

/** A function of one stage, as a database sees it. */
public record StageFunction(StageConfig stage, FunctionBudget function) {

    /** "prod/agents" */
    public String subject() {
        return stage.name() + "/" + function.name();
    }
}
