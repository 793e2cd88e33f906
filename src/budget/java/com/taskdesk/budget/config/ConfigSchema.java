package com.taskdesk.budget.config;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.taskdesk.config.FunctionSetting;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of config/ exactly as they are written, read by Jackson (an unknown key is an error).
 * Each record checks its own values as it is read and names the key it refuses; how values
 * relate to each other is the check's job (budget.check).
 */
public final class ConfigSchema {

    private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.-]+(:[0-9]{1,5})?");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");
    private static final String IAM_POLICY = "arn:aws[a-z-]*:iam::[0-9]{12}:policy/[A-Za-z0-9+=,.@_/-]+";
    private static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    /** Every key a function's settings may have, in the order a refusal lists them. */
    private static final List<String> KNOWN_FUNCTION_SETTINGS = Stream.concat(
                    Stream.of(FunctionSetting.values()).map(FunctionSetting::key),
                    Stream.of("deploymentType", "lambdaManagedInstances"))
            .sorted()
            .toList();

    private ConfigSchema() {}

    /** A value config/ refuses: the key (relative to the record) and why. */
    static final class Invalid extends RuntimeException {
        final String key;

        Invalid(String key, String problem) {
            super(problem);
            this.key = key;
        }
    }

    /** config/databases.yaml: one entry per PostgreSQL server. */
    record DatabaseFile(
            Integer postgresVersion,
            Integer maxConnections,
            Map<String, ReservedSchema.ReservedFile> reservedFor,
            String schema,
            PoolerFile pooler,
            Integer deployOverlapFactor,
            DatabaseUrlFile databaseUrl) {
        DatabaseFile {
            range("postgresVersion", required("postgresVersion", postgresVersion), 9, 99);
            range("maxConnections", required("maxConnections", maxConnections), 1, 262_143);
            range("deployOverlapFactor", required("deployOverlapFactor", deployOverlapFactor), 1, 10);
            required("reservedFor", reservedFor).forEach((item, reserved) -> required("reservedFor." + item, reserved));
            if (schema != null && schema.isBlank()) {
                throw new Invalid("schema", "is empty");
            }
        }
    }

    /** database.databaseUrl: what the stages' DATABASE_URL secret carries after its '?' (absent: neither). */
    record DatabaseUrlFile(Boolean pgbouncer, String schema) {
        DatabaseUrlFile {
            if (schema != null && schema.isBlank()) {
                throw new Invalid("schema", "is empty");
            }
        }
    }

    /** database.pooler: absent means none. */
    record PoolerFile(Pooler.Kind kind, Integer serverConnections, Integer maxClientConnections) {
        PoolerFile {
            if (required("kind", kind) != Pooler.Kind.NONE) {
                range("serverConnections", required("serverConnections", serverConnections), 1, 262_143);
            }
            if (kind == Pooler.Kind.PGBOUNCER) {
                range("maxClientConnections", required("maxClientConnections", maxClientConnections), 1, 1_000_000);
            } else if (maxClientConnections != null) {
                throw new Invalid("maxClientConnections", "applies to pgbouncer only");
            }
        }
    }

    /** config/functions.yaml, and the defaults and functions of a stage file. */
    record SharedFile(FunctionSettings defaults, Map<String, FunctionSettings> functions) {}

    /** config/&lt;stage&gt;.yaml. */
    record StageFile(
            String database,
            String region,
            List<String> corsOrigins,
            String todayTimeZone,
            Integer metricsCacheSeconds,
            Network network,
            Domain domain,
            AlarmNotifications alarmNotifications,
            String permissionsBoundary,
            Boolean confirmChangeset,
            FrontDoorFile frontDoor,
            FunctionSettings defaults,
            Map<String, FunctionSettings> functions) {
        StageFile {
            if (!Names.isKey(required("database", database))) {
                throw new Invalid("database", "must be " + Names.KEY_RULE + "; got " + Names.quoted(database));
            }
            if (!REGION.matcher(required("region", region)).matches()) {
                throw new Invalid("region", "must be an AWS region such as eu-west-1; got '" + region + "'");
            }
            if (required("corsOrigins", corsOrigins).isEmpty()) {
                throw new Invalid("corsOrigins", "lists no origin (the front end's, e.g. https://desk.example.com)");
            }
            for (String origin : corsOrigins) {
                origin("corsOrigins", origin);
            }
            try {
                ZoneId.of(required("todayTimeZone", todayTimeZone));
            } catch (DateTimeException e) {
                throw new Invalid("todayTimeZone", "is not an IANA time zone; got '" + todayTimeZone + "'");
            }
            range("metricsCacheSeconds", required("metricsCacheSeconds", metricsCacheSeconds), 0, 3600);
            if (permissionsBoundary != null && !permissionsBoundary.matches(IAM_POLICY)) {
                throw new Invalid(
                        "permissionsBoundary",
                        "must be an IAM policy ARN such as arn:aws:iam::123456789012:policy/boundary; got '"
                                + permissionsBoundary + "'");
            }
        }
    }

    /**
     * Who hears the stage's alarms: an SNS topic that exists (topicArn), or one the stack creates with
     * these e-mail subscriptions (each confirms the mail AWS sends).
     */
    public record AlarmNotifications(String topicArn, List<String> email) {
        public AlarmNotifications {
            if ((topicArn == null) == (email == null)) {
                throw new Invalid("topicArn", "or email: give exactly one");
            }
            if (topicArn != null && !topicArn.matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+")) {
                throw new Invalid("topicArn", "must be an SNS topic ARN; got '" + topicArn + "'");
            }
            if (email != null
                    && (email.isEmpty()
                            || email.stream().anyMatch(address -> address == null || !address.matches(EMAIL)))) {
                throw new Invalid("email", "must list one or more e-mail addresses; got " + email);
            }
        }
    }

    /** The database's VPC: the functions are attached to these subnets with these security groups. */
    public record Network(List<String> subnetIds, List<String> securityGroupIds) {
        public Network {
            ids("subnetIds", subnetIds, "subnet-");
            ids("securityGroupIds", securityGroupIds, "sg-");
        }
    }

    /**
     * The API under a custom domain, with its ACM certificate. The app's auth-token cookie is
     * host-only: it never reaches this domain either, only the front door on the app's own host does.
     */
    public record Domain(String name, String certificateArn) {
        public Domain {
            if (!required("name", name).matches("[a-z0-9-]+(\\.[a-z0-9-]+)+")) {
                throw new Invalid("name", "must be a domain name such as api.desk.example.com; got '" + name + "'");
            }
            if (!required("certificateArn", certificateArn)
                    .matches("arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+")) {
                throw new Invalid("certificateArn", "must be an ACM certificate ARN; got '" + certificateArn + "'");
            }
        }
    }

    /**
     * The stage's front door: the app's host proxies the moved routes to the API (absent: no rules).
     *
     * @param apiUrl absent: https:// and the stage's domain
     * @param moves  the functions whose routes move; absent: every route of the app
     */
    record FrontDoorFile(FrontDoor.Host host, String appOrigin, String apiUrl, List<String> moves) {
        FrontDoorFile {
            required("host", host);
            origin("appOrigin", required("appOrigin", appOrigin));
            if (apiUrl != null) {
                origin("apiUrl", apiUrl);
            }
            if (moves != null && (moves.isEmpty() || moves.contains(null))) {
                throw new Invalid("moves", "lists no function (leave it out to move every route of the app)");
            }
            if (moves != null && !moves.stream().allMatch(Names::isKey)) {
                throw new Invalid("moves", "must list function names, " + Names.KEY_RULE);
            }
        }
    }

    /**
     * A function's settings, or the defaults of several; every one optional where it is written. The
     * numbers are the application's {@link FunctionSetting}s, each checked against its range.
     */
    record FunctionSettings(
            DeploymentType deploymentType,
            ManagedInstances lambdaManagedInstances,
            @JsonAnySetter Map<String, Object> numbers) {
        static final FunctionSettings NONE = new FunctionSettings(null, null, Map.of());

        FunctionSettings {
            numbers = numbers == null ? Map.of() : Collections.unmodifiableMap(withoutNulls(numbers));
            for (Map.Entry<String, Object> entry : numbers.entrySet()) {
                FunctionSetting setting = FunctionSetting.forKey(entry.getKey())
                        .orElseThrow(() -> new Invalid(
                                entry.getKey(),
                                "is not a known setting (known: " + String.join(", ", KNOWN_FUNCTION_SETTINGS) + ")"));
                if (!(entry.getValue() instanceof Integer value)) {
                    throw new Invalid(setting.key(), "must be a whole number");
                }
                range(setting.key(), value, setting.min(), setting.max());
            }
        }

        /** What this layer says of the setting; null when it says nothing. */
        Integer value(FunctionSetting setting) {
            return (Integer) numbers.get(setting.key());
        }

        /** In the file's order, so the first refusal is the first key that has one. */
        private static Map<String, Object> withoutNulls(Map<String, Object> numbers) {
            Map<String, Object> given = new LinkedHashMap<>(numbers);
            given.values().removeIf(Objects::isNull);
            return given;
        }
    }

    /** The function runs on Lambda Managed Instances: one execution environment serves many requests. */
    record ManagedInstances(Integer perExecutionEnvironmentMaxConcurrency) {
        ManagedInstances {
            range(
                    "perExecutionEnvironmentMaxConcurrency",
                    required("perExecutionEnvironmentMaxConcurrency", perExecutionEnvironmentMaxConcurrency),
                    1,
                    1600);
        }
    }

    static <T> T required(String key, T value) {
        if (value == null) {
            throw new Invalid(key, "is missing");
        }
        return value;
    }

    private static void origin(String key, String origin) {
        if (origin == null || !ORIGIN.matcher(origin).matches()) {
            throw new Invalid(key, "must be scheme://host[:port], no path or wildcard; got '" + origin + "'");
        }
    }

    static void range(String key, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new Invalid(key, "must be between " + min + " and " + max + "; got " + value);
        }
    }

    private static void ids(String key, List<String> ids, String prefix) {
        if (required(key, ids).isEmpty()
                || ids.stream().anyMatch(id -> id == null || !id.matches(prefix + "([0-9a-f]{8}|[0-9a-f]{17})"))) {
            throw new Invalid(
                    key, "must list one or more " + prefix + "... ids (8 or 17 hexadecimal digits); got " + ids);
        }
    }
}
