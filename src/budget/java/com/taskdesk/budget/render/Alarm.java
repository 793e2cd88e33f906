package com.taskdesk.budget.render;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every CloudWatch alarm of a stage's stack, one row each: what it watches, when it fires, and in its
 * name and description what a person does about it (docs/alarms.md explains each; AlarmsDocumentedTest
 * holds the two together). A function's rows are filled per function by an {@link AlarmSubject}: its
 * name, how the stack refers to it, its thresholds. Rates count only with RATE_MIN_REQUESTS requests in
 * their RATE_MINUTES, so a quiet stage never fires on one failed request.
 */
enum Alarm {
    API_5XX(Scope.API, "ApiHttp5xxRateAlarm", """
            AlarmName: !Sub '${AWS::StackName}-api-5xx-read-integration-errors'
            AlarmDescription: "Over 5% of the API's answers in <rateMinutes> minutes were 5xx: read integrationError in
             its access log (a throttled or failing function) and the functions' own alarms."
            Threshold: 5
            EvaluationPeriods: 1
            Metrics:
              - {Id: rate, Expression: 'IF(whole >= <minRequests>, 100 * FILL(part, 0) / whole, 0)', Label: '5xx answers, % of requests'}
              - Id: part
                MetricStat: {Metric: {Namespace: AWS/ApiGateway, MetricName: 5xx, Dimensions: <api>}, Period: <ratePeriod>, Stat: Sum}
                ReturnData: false
              - Id: whole
                MetricStat: {Metric: {Namespace: AWS/ApiGateway, MetricName: Count, Dimensions: <api>}, Period: <ratePeriod>, Stat: Sum}
                ReturnData: false
            """),
    API_429(Scope.API, "ApiHttp429RateAlarm", """
            AlarmName: !Sub '${AWS::StackName}-api-429-raise-max-instances-or-accept'
            AlarmDescription: "Over 5% of the API's requests in <rateMinutes> minutes were refused by a route's throttle
             (429): raise the route's function's maxInstances in config/ (its throttle follows), or accept the shed load."
            Threshold: 5
            EvaluationPeriods: 1
            Metrics:
              - {Id: rate, Expression: 'IF(whole >= <minRequests>, 100 * FILL(part, 0) / whole, 0)', Label: '429 answers, % of requests'}
              - Id: part
                MetricStat: {Metric: {Namespace: <gatewayNamespace>, MetricName: <http429>, Dimensions: [{Name: ApiId, Value: <apiId>}]}, Period: <ratePeriod>, Stat: Sum}
                ReturnData: false
              - Id: whole
                MetricStat: {Metric: {Namespace: AWS/ApiGateway, MetricName: Count, Dimensions: <api>}, Period: <ratePeriod>, Stat: Sum}
                ReturnData: false
            """),
    /** CodeDeploy rolls a deploy back on it: the new version's own failed invocations (ExecutedVersion). */
    NEW_VERSION_FAILING(Scope.ROLLBACK, "NewVersionErrorsAlarm", """
            AlarmName: !Sub '${AWS::StackName}-<name>-new-version-failing'
            AlarmDescription: "Rolls back a deploy of <name>: its new version failed an invocation (Lambda Errors of
             that version). Read that version's lines in the function's log."
            Threshold: 1
            EvaluationPeriods: 1
            Namespace: AWS/Lambda
            MetricName: Errors
            Dimensions:
              - {Name: FunctionName, Value: <functionRef>}
              - {Name: Resource, Value: <alias>}
              - {Name: ExecutedVersion, Value: <version>}
            Statistic: Sum
            Period: 60
            """),
    /** And on the new version's 500 and 503 answers, as the function counts them by its Version. */
    NEW_VERSION_5XX(Scope.ROLLBACK, "NewVersionHttp5xxAlarm", """
            AlarmName: !Sub '${AWS::StackName}-<name>-new-version-answering-5xx'
            AlarmDescription: "Rolls back a deploy of <name>: its new version answered 500 or 503 3 times in a minute.
             Read that version's lines in the function's log."
            Threshold: 3
            EvaluationPeriods: 1
            Metrics:
              - {Id: answers, Expression: SUM(METRICS()), Label: HTTP 5xx answers of the new version}
              - Id: http500
                MetricStat: {Metric: {Namespace: <namespace>, MetricName: <http500>, Dimensions: <versionDimensions>}, Period: 60, Stat: Sum}
                ReturnData: false
              - Id: http503
                MetricStat: {Metric: {Namespace: <namespace>, MetricName: <http503>, Dimensions: <versionDimensions>}, Period: 60, Stat: Sum}
                ReturnData: false
            """),
    NEAR_TIMEOUT(Scope.FUNCTION, "NearTimeoutAlarm", """
            AlarmName: !Sub '${AWS::StackName}-<name>-raise-timeout-or-find-slow-statement'
            AlarmDescription: "A request of <name> ran over <nearTimeoutPercent>% of its timeout: find the slow
             statement (DatabaseMs in its log) or raise functionTimeoutSeconds in config/."
            Threshold: <nearTimeoutMs>
            EvaluationPeriods: 1
            Namespace: AWS/Lambda
            MetricName: Duration
            Dimensions: [{Name: FunctionName, Value: <functionRef>}]
            Statistic: Maximum
            Period: <ratePeriod>
            """),
    /**
     * Busy time over capacity time: the share of its capped instances' minute spent serving (Lambda's
     * ConcurrentExecutions Maximum would read "at cap" for one request a minute on a one-instance stage).
     */
    AT_MAX_INSTANCES(Scope.CAPPED_FUNCTION, "AtCapacityAlarm", """
            AlarmName: !Sub '${AWS::StackName}-<name>-at-max-instances-raise-or-accept-throttling'
            AlarmDescription: "The instances <name> may run were over 80% busy in 3 of 5 minutes, so requests beyond
             are throttled: raise its maxInstances in config/ (plan says what the database allows), or accept the
             route's 429s."
            Threshold: 80
            EvaluationPeriods: 5
            DatapointsToAlarm: 3
            Metrics:
              - {Id: busy, Expression: '100 * FILL(duration, 0) / (60000 * <capacity>)', Label: 'instances busy, % of maxInstances'}
              - Id: duration
                MetricStat: {Metric: {Namespace: AWS/Lambda, MetricName: Duration, Dimensions: [{Name: FunctionName, Value: <functionRef>}]}, Period: 60, Stat: Sum}
                ReturnData: false
            """),
    DATABASE_REFUSING(Scope.FUNCTION, "Http503RateAlarm", """
            AlarmName: !Sub '${AWS::StackName}-<name>-database-refusing-check-live'
            AlarmDescription: "Over 5% of <name>'s answers in <rateMinutes> minutes were 503 (the database or the pool
             refused): run check --live for the stage's connections per role, then look at the database."
            Threshold: 5
            EvaluationPeriods: 1
            Metrics:
              - {Id: rate, Expression: 'IF(whole >= <minRequests>, 100 * FILL(part, 0) / whole, 0)', Label: '503 answers, % of requests'}
              - Id: part
                MetricStat: {Metric: {Namespace: <namespace>, MetricName: <http503>, Dimensions: <functionDimensions>}, Period: <ratePeriod>, Stat: Sum}
                ReturnData: false
              - Id: whole
                MetricStat: {Metric: {Namespace: <namespace>, MetricName: <http503>, Dimensions: <functionDimensions>}, Period: <ratePeriod>, Stat: SampleCount}
                ReturnData: false
            """);

    /** Which alarms a stack has: once, per function (with a cap), and per function where SAM shifts traffic. */
    enum Scope {
        API,
        FUNCTION,
        CAPPED_FUNCTION,
        ROLLBACK
    }

    /** A request this close to the function's timeout (in percent of it) is near it. */
    static final int NEAR_TIMEOUT_PERCENT = 80;
    /** Rates are judged over this many minutes, and only with this many requests in them. */
    static final int RATE_MINUTES = 5;

    static final int RATE_MIN_REQUESTS = 20;
    /** What the access log's metric filter writes: the gateway's 429 answers, per API. */
    static final String GATEWAY_NAMESPACE = "TaskDesk/ManagerApi";

    static final String HTTP_429 = "Http429";

    /** What every alarm of the stack does: fires at or over its threshold, never on missing data, notifies its actions. */
    private static final Fragment ALARM = Fragment.of("""
            Type: AWS::CloudWatch::Alarm
            Properties:
              ComparisonOperator: GreaterThanOrEqualToThreshold
              TreatMissingData: notBreaching
              AlarmActions: <actions>
              OKActions: <actions>
            """);

    private static final Fragment API_DIMENSIONS =
            Fragment.of("[{Name: ApiId, Value: <apiId>}, {Name: Stage, Value: $default}]");

    private static final Fragment THROTTLED_REQUESTS_FILTER = Fragment.of("""
            Type: AWS::Logs::MetricFilter
            Properties:
              LogGroupName: <logGroup>
              FilterPattern: '{ $.status = 429 }'
              MetricTransformations:
                - {MetricNamespace: <namespace>, MetricName: <metric>, MetricValue: '1', Unit: Count, Dimensions: [{Key: ApiId, Value: $.apiId}]}
            """);

    final Scope scope;
    /** Its logical id: this, after the function's logical name for a function's alarm. */
    final String logicalId;

    private final Fragment properties;

    Alarm(Scope scope, String logicalId, String properties) {
        this.scope = scope;
        this.logicalId = logicalId;
        this.properties = Fragment.of(properties);
    }

    static List<Alarm> of(Scope... scopes) {
        return Arrays.stream(values())
                .filter(alarm -> List.of(scopes).contains(alarm.scope))
                .toList();
    }

    /**
     * The alarm's resource. actions: AlarmActions and OKActions (a list of topics, or a variable holding
     * one), null: no one; the rest of values fill the row (the API's or the function's, AlarmSubject).
     */
    Map<String, Object> resource(Object actions, Map<String, Object> values) {
        Map<String, Object> all = new LinkedHashMap<>(values);
        all.put("actions", actions);
        all.put("rateMinutes", RATE_MINUTES);
        all.put("ratePeriod", RATE_MINUTES * 60);
        all.put("minRequests", RATE_MIN_REQUESTS);
        all.put("nearTimeoutPercent", NEAR_TIMEOUT_PERCENT);
        all.put("gatewayNamespace", GATEWAY_NAMESPACE);
        all.put("http429", HTTP_429);
        all.put("namespace", DeployContract.METRICS_NAMESPACE);
        all.put("http500", DeployContract.HTTP_500);
        all.put("http503", DeployContract.HTTP_503);
        Map<String, Object> resource = ALARM.map(all);
        @SuppressWarnings("unchecked")
        Map<String, Object> alarm = (Map<String, Object>) resource.get("Properties");
        Map<String, Object> ordered = new LinkedHashMap<>(properties.map(all));
        ordered.putAll(alarm);
        resource.put("Properties", ordered);
        return resource;
    }

    /** The API's alarms: apiId names the HTTP API (its id); its stage is $default. */
    static Map<String, Object> api(Object actions, Object apiId) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("apiId", apiId);
        values.put("api", API_DIMENSIONS.with("apiId", apiId));
        Map<String, Object> alarms = new LinkedHashMap<>();
        for (Alarm alarm : of(Scope.API)) {
            alarms.put(alarm.logicalId, alarm.resource(actions, values));
        }
        return alarms;
    }

    /** Counts the access log's 429 lines as GATEWAY_NAMESPACE/Http429, per API (its id is a field of each line). */
    static Map<String, Object> throttledRequestsFilter(Object accessLogGroup) {
        return THROTTLED_REQUESTS_FILTER.map(
                "logGroup", accessLogGroup, "namespace", GATEWAY_NAMESPACE, "metric", HTTP_429);
    }
}
