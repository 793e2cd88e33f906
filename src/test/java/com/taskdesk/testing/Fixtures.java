package com.taskdesk.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Test data written and read over a connection of its own (never the functions' pool),
 * so what the tests do is not counted against the handlers.
 */
public final class Fixtures implements AutoCloseable {

    public static final LocalDateTime EPOCH = LocalDateTime.of(2025, 1, 1, 0, 0);
    /**
     * The database's own JDBC URL when the functions reach it through something else (a pooler):
     * fixtures then connect directly, so nothing they do goes through what a test examines.
     */
    public static final String DIRECT_JDBC_URL = "taskdesk-test.fixtures-jdbc-url";

    private final Connection connection;

    private Fixtures(Connection connection) {
        this.connection = connection;
    }

    public static Fixtures connect() {
        Config config = ConfigProvider.getConfig();
        return connect(config.getOptionalValue(DIRECT_JDBC_URL, String.class)
                .orElseGet(() -> config.getValue("quarkus.datasource.jdbc.url", String.class)));
    }

    public static Fixtures connect(String jdbcUrl) {
        try {
            return new Fixtures(DriverManager.getConnection(jdbcUrl));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Connection connection() {
        return connection;
    }

    /**
     * Empties every table the functions touch, then adds the manager whose tokens the tests
     * send ({@link Tokens#MANAGER_ID}): as in production, the user a valid token names exists.
     */
    public Fixtures reset() {
        return execute(
                        "TRUNCATE \"TaskWorkSession\", \"TaskHistory\", \"Task\", \"RawMessage\", \"ImportBatch\", \"SpamRule\", \"User\" CASCADE")
                .user(Tokens.MANAGER_ID, "Manager", "MANAGER", EPOCH);
    }

    public Fixtures execute(String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A trigger installed for one test; close it to drop it (over a connection of its own). */
    public interface TestTrigger extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Installs a test-only row trigger, e.g. {@code trigger("refuse", "BEFORE UPDATE ON \"Task\" FOR EACH ROW",
     * "BEGIN RAISE EXCEPTION 'no'; END")}, to make the server do something mid-statement.
     */
    public TestTrigger trigger(String name, String event, String plpgsqlBody) {
        execute("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ " + plpgsqlBody + " $$");
        execute("CREATE TRIGGER " + name + " " + event + " EXECUTE FUNCTION " + name + "()");
        String table = event.replaceAll("(?s).* ON (\"[^\"]+\").*", "$1");
        String url;
        try {
            url = connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return () -> {
            try (Fixtures db = connect(url)) {
                db.execute("DROP TRIGGER " + name + " ON " + table).execute("DROP FUNCTION " + name + "()");
            }
        };
    }

    public Fixtures user(String id, String name, String role, LocalDateTime createdAt) {
        return user(id).name(name).role(role).createdAt(createdAt).insert();
    }

    public Fixtures user(
            String id,
            String email,
            String name,
            String role,
            boolean isLive,
            LocalDateTime lastSeen,
            LocalDateTime createdAt) {
        return user(id).email(email)
                .name(name)
                .role(role)
                .live(isLive, lastSeen)
                .createdAt(createdAt)
                .insert();
    }

    /** A user to insert: an active AGENT, not live, email {@code <id>@taskdesk.example}, agentTypes '{}'. */
    public UserRow user(String id) {
        return new UserRow(id);
    }

    public final class UserRow {
        private final String id;
        private String email;
        private String name;
        private String role = "AGENT";
        private boolean isActive = true;
        private boolean isLive;
        private LocalDateTime lastSeen;
        private LocalDateTime createdAt = EPOCH;
        private String[] agentTypes = {};
        private String rosterTeam;

        private UserRow(String id) {
            this.id = id;
            this.email = id + "@taskdesk.example";
        }

        public UserRow email(String email) {
            this.email = email;
            return this;
        }

        public UserRow name(String name) {
            this.name = name;
            return this;
        }

        public UserRow role(String role) {
            this.role = role;
            return this;
        }

        public UserRow inactive() {
            this.isActive = false;
            return this;
        }

        public UserRow live(boolean isLive, LocalDateTime lastSeen) {
            this.isLive = isLive;
            this.lastSeen = lastSeen;
            return this;
        }

        public UserRow createdAt(LocalDateTime createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /** "agentTypes" as stored; {@code null} stores NULL, as where Prisma created the column. */
        public UserRow agentTypes(String... agentTypes) {
            this.agentTypes = agentTypes;
            return this;
        }

        public UserRow rosterTeam(String rosterTeam) {
            this.rosterTeam = rosterTeam;
            return this;
        }

        public Fixtures insert() {
            return execute(
                    "INSERT INTO \"User\" (\"id\", \"email\", \"name\", \"role\", \"isActive\", \"isLive\", "
                            + "\"lastSeen\", \"createdAt\", \"updatedAt\", \"agentTypes\", \"rosterTeam\") "
                            + "VALUES (?, ?, ?, ?::\"Role\", ?, ?, ?, ?, ?, ?, ?)",
                    id,
                    email,
                    name,
                    role,
                    isActive,
                    isLive,
                    lastSeen,
                    createdAt,
                    createdAt,
                    textArray(agentTypes),
                    rosterTeam);
        }
    }

    public Fixtures raw(String id, String status) {
        return raw(id).status(status).insert();
    }

    /** A raw message to insert: READY, text {@code "text"}, no brand or phone, previewMatches NULL. */
    public RawRow raw(String id) {
        return new RawRow(id);
    }

    public final class RawRow {
        private final String id;
        private String status = "READY";
        private String brand;
        private String phone;
        private String text = "text";
        private String previewMatches;

        private RawRow(String id) {
            this.id = id;
        }

        public RawRow status(String status) {
            this.status = status;
            return this;
        }

        public RawRow brand(String brand) {
            this.brand = brand;
            return this;
        }

        public RawRow phone(String phone) {
            this.phone = phone;
            return this;
        }

        /** null stores NULL. */
        public RawRow text(String text) {
            this.text = text;
            return this;
        }

        /** "previewMatches" as JSON text, e.g. {@code ["free money"]} or {@code "free money"}; null stores NULL. */
        public RawRow previewMatches(String json) {
            this.previewMatches = json;
            return this;
        }

        public Fixtures insert() {
            execute(
                    "INSERT INTO \"ImportBatch\" (\"id\", \"sourceName\") VALUES ('batch', 'test.csv') ON CONFLICT DO NOTHING");
            return execute(
                    "INSERT INTO \"RawMessage\" (\"id\", \"importBatchId\", \"status\", \"hashKey\", \"text\", "
                            + "\"brand\", \"phone\", \"previewMatches\") VALUES (?, 'batch', ?::\"RawStatus\", ?, ?, ?, ?, ?::jsonb)",
                    id,
                    status,
                    "hash-" + id,
                    text,
                    brand,
                    phone,
                    previewMatches);
        }
    }

    /** An enabled CONTAINS rule for this normalised phrase; {@code brand} null makes it global. */
    public Fixtures spamRule(String id, String patternNorm, String brand) {
        return spamRule(id, patternNorm, "CONTAINS", brand, true);
    }

    public Fixtures spamRule(String id, String patternNorm, String mode, String brand, boolean enabled) {
        return execute(
                "INSERT INTO \"SpamRule\" (\"id\", \"pattern\", \"patternNorm\", \"mode\", \"brand\", \"enabled\", "
                        + "\"updatedAt\", \"createdAt\") VALUES (?, ?, ?, ?::\"SpamMode\", ?, ?, ?, ?)",
                id,
                patternNorm,
                patternNorm,
                mode,
                brand,
                enabled,
                EPOCH,
                EPOCH);
    }

    public TaskRow task(String id) {
        return new TaskRow(id);
    }

    /**
     * A task to insert: PENDING, TEXT_CLUB, unassigned, created and updated at {@link #EPOCH}; every
     * other column NULL or its schema default unless set, by its method or by {@link #set}.
     */
    public final class TaskRow {
        private final Map<String, Object> columns = new LinkedHashMap<>();

        private TaskRow(String id) {
            columns.put("id", id);
            columns.put("taskType", "TEXT_CLUB");
            columns.put("status", "PENDING");
            columns.put("createdAt", EPOCH);
            columns.put("updatedAt", EPOCH);
        }

        /**
         * Any column of "Task" by its name ({@code "holdsStatus"}, {@code "amount"}), with a value of
         * its type or its text: {@code new BigDecimal("0")} or {@code "100.000"} for a Decimal, JSON
         * text for {@code "holdsQueueHistory"}, an enum's name; null stores NULL.
         */
        public TaskRow set(String column, Object value) {
            columns.put(column, value);
            return this;
        }

        public TaskRow type(String type) {
            return set("taskType", type);
        }

        public TaskRow status(String status) {
            return set("status", status);
        }

        public TaskRow assignedTo(String userId) {
            return set("assignedToId", userId);
        }

        public TaskRow rawMessage(String rawMessageId) {
            return set("rawMessageId", rawMessageId);
        }

        public TaskRow sentBackBy(String userId) {
            return set("sentBackBy", userId);
        }

        public TaskRow completedBy(String userId) {
            return set("completedBy", userId);
        }

        public TaskRow endTime(LocalDateTime endTime) {
            return set("endTime", endTime);
        }

        public TaskRow createdAt(LocalDateTime createdAt) {
            return set("createdAt", createdAt);
        }

        public TaskRow updatedAt(LocalDateTime updatedAt) {
            return set("updatedAt", updatedAt);
        }

        public Fixtures insert() {
            return insertRow("Task", columns);
        }
    }

    /**
     * A "TaskWorkSession" row to insert: a HOLDS session of this task and agent, ended at {@code
     * endedAt}, outcome {@code "RESOLVED"}, counting toward productivity, not a final resolution,
     * created and updated at {@link #EPOCH}; every other column NULL or its default unless set.
     */
    public SessionRow workSession(String id, String taskId, String agentId, LocalDateTime endedAt) {
        return new SessionRow(id, taskId, agentId, endedAt);
    }

    public final class SessionRow {
        private final Map<String, Object> columns = new LinkedHashMap<>();

        private SessionRow(String id, String taskId, String agentId, LocalDateTime endedAt) {
            columns.put("id", id);
            columns.put("taskId", taskId);
            columns.put("agentId", agentId);
            columns.put("taskType", "HOLDS");
            columns.put("endedAt", endedAt);
            columns.put("outcomeType", "RESOLVED");
            columns.put("createdAt", EPOCH);
            columns.put("updatedAt", EPOCH);
        }

        /** Any column of "TaskWorkSession" by its name, as {@link TaskRow#set}. */
        public SessionRow set(String column, Object value) {
            columns.put(column, value);
            return this;
        }

        public Fixtures insert() {
            return insertRow("TaskWorkSession", columns);
        }
    }

    /** The SQL types of a table's columns, as format_type writes them, read once per connection. */
    private final Map<String, Map<String, String>> columnTypes = new LinkedHashMap<>();

    /** Inserts one row, each value cast to its column's type, so text stands for any type. */
    private Fixtures insertRow(String table, Map<String, Object> values) {
        Map<String, String> types = columnTypes.computeIfAbsent(table, t -> {
            Map<String, String> read = new LinkedHashMap<>();
            rows(
                            "SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute "
                                    + "WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped",
                            '"' + t + '"')
                    .forEach(row -> read.put((String) row.get("attname"), (String) row.get("type")));
            return read;
        });
        List<String> names = new ArrayList<>();
        List<String> casts = new ArrayList<>();
        for (String column : values.keySet()) {
            String type = types.get(column);
            if (type == null) {
                throw new IllegalArgumentException("\"" + table + "\" has no column \"" + column + "\"");
            }
            names.add('"' + column + '"');
            casts.add("CAST(? AS " + type + ")");
        }
        return execute(
                "INSERT INTO \"" + table + "\" (" + String.join(", ", names) + ") VALUES (" + String.join(", ", casts)
                        + ")",
                values.values().toArray());
    }

    /** Inserts {@code count} tasks with these settings, ids prefix-1 .. prefix-count. */
    public Fixtures tasks(int count, String prefix, java.util.function.UnaryOperator<TaskRow> settings) {
        for (int i = 1; i <= count; i++) {
            settings.apply(task(prefix + "-" + i)).insert();
        }
        return this;
    }

    public List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<Map<String, Object>> result = new ArrayList<>();
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= columns; c++) {
                        row.put(rows.getMetaData().getColumnLabel(c), rows.getObject(c));
                    }
                    result.add(row);
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public Object value(String sql, Object... parameters) {
        List<Map<String, Object>> rows = rows(sql, parameters);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    public long count(String sql, Object... parameters) {
        return ((Number) value(sql, parameters)).longValue();
    }

    public String taskStatus(String taskId) {
        return String.valueOf(value("SELECT \"status\"::text FROM \"Task\" WHERE \"id\" = ?", taskId));
    }

    public String rawStatus(String rawId) {
        return String.valueOf(value("SELECT \"status\"::text FROM \"RawMessage\" WHERE \"id\" = ?", rawId));
    }

    /** A digest of every row the functions may touch: equal digests mean nothing changed. */
    public String snapshot() {
        StringBuilder all = new StringBuilder();
        for (String table : List.of("User", "RawMessage", "Task", "TaskHistory", "SpamRule", "TaskWorkSession")) {
            all.append(table)
                    .append(rows(
                            "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest, count(*) AS n FROM \""
                                    + table + "\" t"))
                    .append('\n');
        }
        return all.toString();
    }

    /** A text[] parameter; null stays NULL. */
    private java.sql.Array textArray(String[] values) {
        try {
            return values == null ? null : connection.createArrayOf("text", values);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
