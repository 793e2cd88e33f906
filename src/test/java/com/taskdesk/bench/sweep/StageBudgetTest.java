package com.taskdesk.bench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StageBudgetTest {

    @Test
    void theSweepReadsAStageAsTheBudgetToolDoesDefaultsFromTheSettingTableIncluded() {
        StageBudget budget = StageBudget.read(Path.of("config"), "prod");
        StageConfig prod = ConfigFiles.load(Path.of("")).stage("prod");

        assertEquals(prod.database().maxConnections(), budget.maxConnections());
        assertEquals(prod.database().reservedConnections(), budget.reservedConnections());
        assertEquals(prod.functions().size(), budget.functions().size());
        for (FunctionBudget function : prod.functions()) {
            assertEquals(
                    new StageBudget.Function(
                            function.maxInstances(), function.connectionLimit(), function.poolTimeoutSeconds()),
                    budget.functions().get(function.name()),
                    function.name() + ": config/functions.yaml states no connectionLimit, the table's default does");
        }
    }
}
