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

    /** A raw message to insert: READY, no brand, previewMatches NULL. */
    public RawRow raw(String id) {
        return new RawRow(id);
    }

    public final class RawRow {
        private final String id;
        private String status = "READY";
        private String brand;
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
                            + "\"brand\", \"previewMatches\") VALUES (?, 'batch', ?::\"RawStatus\", ?, 'text', ?, ?::jsonb)",
                    id,
                    status,
                    "hash-" + id,
                    brand,
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

    /** A task to insert; unset columns take the schema's defaults (PENDING, TEXT_CLUB, unassigned). */
    public final class TaskRow {
        private final String id;
        private String type = "TEXT_CLUB";
        private String status = "PENDING";
        private String assignedTo;
        private String rawMessage;
        private String sentBackBy;
        private String completedBy;
        private LocalDateTime endTime;
        private LocalDateTime updatedAt = EPOCH;

        private TaskRow(String id) {
            this.id = id;
        }

        public TaskRow type(String type) {
            this.type = type;
            return this;
        }

        public TaskRow status(String status) {
            this.status = status;
            return this;
        }

        public TaskRow assignedTo(String userId) {
            this.assignedTo = userId;
            return this;
        }

        public TaskRow rawMessage(String rawMessageId) {
            this.rawMessage = rawMessageId;
            return this;
        }

        public TaskRow sentBackBy(String userId) {
            this.sentBackBy = userId;
            return this;
        }

        public TaskRow completedBy(String userId) {
            this.completedBy = userId;
            return this;
        }

        public TaskRow endTime(LocalDateTime endTime) {
            this.endTime = endTime;
            return this;
        }

        public TaskRow updatedAt(LocalDateTime updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Fixtures insert() {
            return execute(
                    "INSERT INTO \"Task\" (\"id\", \"taskType\", \"status\", \"assignedToId\", \"rawMessageId\", "
                            + "\"sentBackBy\", \"completedBy\", \"endTime\", \"createdAt\", \"updatedAt\") "
                            + "VALUES (?, ?::\"TaskType\", ?::\"TaskStatus\", ?, ?, ?, ?, ?, ?, ?)",
                    id,
                    type,
                    status,
                    assignedTo,
                    rawMessage,
                    sentBackBy,
                    completedBy,
                    endTime,
                    EPOCH,
                    updatedAt);
        }
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
        for (String table : List.of("User", "RawMessage", "Task", "TaskHistory", "SpamRule")) {
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
