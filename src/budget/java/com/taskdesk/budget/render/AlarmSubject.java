package com.taskdesk.budget.render;

import static com.taskdesk.budget.render.AwsResources.logicalName;
import static com.taskdesk.budget.render.CfnYaml.ref;
import static com.taskdesk.budget.render.CfnYaml.sub;

import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.budget.render.CfnYaml.Fn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function as its alarms name it (the values an {@link Alarm} row is filled with): its name, how
 * the stack refers to it, its version and alias (for the rollback alarms), its thresholds, its stage.
 *
 * <p>In a SAM template it is the identifier of an Fn::ForEach over the stack's functions, and its
 * values come from the template's Functions mapping: the template writes each alarm once, and
 * CloudFormation (AWS::LanguageExtensions) writes it out per function before the SAM transform, with
 * the same logical ids, references and values a literal alarm would have. In serverless.yml each
 * function's alarms are written out, with the stage's values as ${param:...}.
 */
record AlarmSubject(
        Object name,
        Object functionRef,
        Object alias,
        Object version,
        Object nearTimeoutMs,
        Object capacity,
        Object stage) {

    /** The SAM templates' mapping from a function's logical name to its name and alarm thresholds. */
    static final String FUNCTIONS_MAPPING = "Functions";
    /** The loops' identifier: a function's logical name (Agents), as its resources' logical ids start. */
    static final String LOOP_IDENTIFIER = "Function";

    private static final Fragment FUNCTION_ROW =
            Fragment.of("{Name: <name>, NearTimeoutMs: <nearTimeoutMs>, Capacity: <capacity>}");
    private static final Fragment LOOP = Fragment.of("[<identifier>, <collection>, <fragment>]");

    /** The SAM templates' loop identifier, its values from the Functions mapping. */
    static AlarmSubject inLoop(String stage) {
        String resource = "${" + LOOP_IDENTIFIER + "}Function";
        return new AlarmSubject(
                mapped("Name"),
                Map.of("Ref", sub(resource)),
                sub("${" + resource + "}:" + DeployContract.ALIAS),
                new Fn("GetAtt", List.of(sub(resource), "Version.Version")),
                mapped("NearTimeoutMs"),
                mapped("Capacity"),
                stage);
    }

    private static Fn mapped(String key) {
        return new Fn("FindInMap", List.of(FUNCTIONS_MAPPING, ref(LOOP_IDENTIFIER), key));
    }

    /** The Functions mapping: each function's name and thresholds, by logical name. */
    static Map<String, Object> mapping(StageConfig stage) {
        Map<String, Object> functions = new LinkedHashMap<>();
        for (FunctionBudget function : stage.functions()) {
            functions.put(
                    logicalName(function.name()),
                    FUNCTION_ROW.with(
                            "name",
                            function.name(),
                            "nearTimeoutMs",
                            nearTimeoutMs(function),
                            "capacity",
                            capacity(function)));
        }
        return functions;
    }

    /** A function's rollback and standing alarms as loops over the stage's functions, by the loops' logical ids. */
    static Map<String, Object> loops(StageConfig stage, Object actions) {
        AlarmSubject subject = inLoop(stage.name());
        List<String> all = new ArrayList<>();
        List<String> capped = new ArrayList<>();
        for (FunctionBudget function : stage.functions()) {
            all.add(logicalName(function.name()));
            if (capacity(function) != null) {
                capped.add(logicalName(function.name()));
            }
        }
        Map<String, Object> loops = new LinkedHashMap<>();
        loops.put(
                "Fn::ForEach::FunctionAlarms",
                LOOP.with(
                        "identifier",
                        LOOP_IDENTIFIER,
                        "collection",
                        all,
                        "fragment",
                        subject.alarms(
                                actions, "${" + LOOP_IDENTIFIER + "}", Alarm.Scope.ROLLBACK, Alarm.Scope.FUNCTION)));
        if (!capped.isEmpty()) {
            loops.put(
                    "Fn::ForEach::CappedFunctionAlarms",
                    LOOP.with(
                            "identifier",
                            LOOP_IDENTIFIER,
                            "collection",
                            capped,
                            "fragment",
                            subject.alarms(actions, "${" + LOOP_IDENTIFIER + "}", Alarm.Scope.CAPPED_FUNCTION)));
        }
        return loops;
    }

    /** 80% of the function's timeout, in ms: the near-timeout alarm's threshold. */
    static int nearTimeoutMs(FunctionBudget function) {
        return function.functionTimeoutSeconds() * 1000 * Alarm.NEAR_TIMEOUT_PERCENT / 100;
    }

    /** Requests it serves at once at most (maxInstances x requests per instance), or null: no cap, no alarm. */
    static Integer capacity(FunctionBudget function) {
        return function.maxInstances() == null ? null : function.maxInstances() * function.requestsPerInstance();
    }

    /** This function's alarms of these scopes, by logical id (logicalName: its logical ids' prefix). */
    Map<String, Object> alarms(Object actions, String logicalName, Alarm.Scope... scopes) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("functionRef", functionRef);
        values.put("alias", alias);
        values.put("version", version);
        values.put("nearTimeoutMs", nearTimeoutMs);
        values.put("capacity", capacity);
        values.put(
                "functionDimensions",
                List.of(
                        dimension(DeployContract.STAGE_DIMENSION, stage),
                        dimension(DeployContract.FUNCTION_DIMENSION, name)));
        values.put(
                "versionDimensions",
                List.of(
                        dimension(DeployContract.STAGE_DIMENSION, stage),
                        dimension(DeployContract.FUNCTION_DIMENSION, name),
                        dimension(DeployContract.VERSION_DIMENSION, version)));
        Map<String, Object> alarms = new LinkedHashMap<>();
        for (Alarm alarm : Alarm.of(scopes)) {
            alarms.put(logicalName + alarm.logicalId, alarm.resource(actions, values));
        }
        return alarms;
    }

    private static Map<String, Object> dimension(String name, Object value) {
        Map<String, Object> dimension = new LinkedHashMap<>();
        dimension.put("Name", name);
        dimension.put("Value", value);
        return dimension;
    }
}
