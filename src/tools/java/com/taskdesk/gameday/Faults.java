package com.taskdesk.gameday;

import com.taskdesk.testing.PgBouncerProcess;
import com.taskdesk.testing.TcpRelay;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The faults production has, each done to the running game day as an operator or the platform
 * would: the database restarted, backends terminated mid-statement, a network that stops
 * forwarding for longer than the statement timeout, PgBouncer restarted, the reserve taken by
 * other clients, rows locked for longer than the statement timeout, environments frozen for
 * longer than the server's idle timeout, the rest of the app past its share. Each call returns when
 * the fault is over.
 */
final class Faults {

    enum Kind {
        POSTGRES_RESTART("PostgreSQL restarted"),
        BACKENDS_TERMINATED("backends terminated mid-statement"),
        NETWORK_STALL("network stall"),
        PGBOUNCER_RESTART("PgBouncer restarted"),
        RESERVE_TAKEN("the reserve taken by other clients"),
        ROWS_LOCKED("rows locked past the statement timeout"),
        ENVIRONMENTS_FROZEN("environments frozen past the idle timeout"),
        APP_OVERRUN("the rest of the app past its share");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One fault as it happened: from when it began to when it was lifted (game clock ms). */
    record Window(Kind kind, String phase, long startMs, long endMs, String detail) {}

    /** How long the faults last, from the stage's timeouts. */
    record Durations(
            Duration postgresDown,
            Duration stall,
            Duration lock,
            Duration freeze,
            Duration reserve,
            Duration serverIdleTimeout) {}

    private final String phase;
    private final GameDayDatabase database;
    private final TcpRelay relay;
    private final PgBouncerProcess pgbouncer;
    private final Deployment deployment;
    private final String rolePrefix;
    private final Durations durations;
    private final GameClock clock;
    private final List<AppOverrun.Result> overruns = new ArrayList<>();

    /** @param pgbouncer null when the functions reach PostgreSQL directly */
    Faults(
            String phase,
            GameDayDatabase database,
            TcpRelay relay,
            PgBouncerProcess pgbouncer,
            Deployment deployment,
            String rolePrefix,
            Durations durations,
            GameClock clock) {
        this.phase = phase;
        this.database = database;
        this.relay = relay;
        this.pgbouncer = pgbouncer;
        this.deployment = deployment;
        this.rolePrefix = rolePrefix;
        this.durations = durations;
        this.clock = clock;
    }

    /**
     * The faults this setup has in rounds: PgBouncer's restart only behind PgBouncer; the app's
     * overrun, a minute long, is scheduled on its own ({@link GameDay}).
     */
    List<Kind> kinds() {
        List<Kind> kinds = new ArrayList<>(List.of(Kind.values()));
        if (pgbouncer == null) {
            kinds.remove(Kind.PGBOUNCER_RESTART);
        }
        kinds.remove(Kind.APP_OVERRUN);
        return kinds;
    }

    /** What each overrun of the app's share did, for the verdict. */
    List<AppOverrun.Result> overruns() {
        return List.copyOf(overruns);
    }

    Window inject(Kind kind) throws Exception {
        return switch (kind) {
            case POSTGRES_RESTART -> restartPostgres();
            case BACKENDS_TERMINATED -> terminateBackends();
            case NETWORK_STALL -> stallNetwork();
            case PGBOUNCER_RESTART -> restartPgBouncer();
            case RESERVE_TAKEN -> takeTheReserve();
            case ROWS_LOCKED -> lockRows();
            case ENVIRONMENTS_FROZEN -> freezeEnvironments();
            case APP_OVERRUN -> overrunTheAppsShare();
        };
    }

    private Window overrunTheAppsShare() throws SQLException, InterruptedException {
        AppOverrun.Result result = AppOverrun.run(phase, database, clock);
        overruns.add(result);
        return result.window();
    }

    /** A fault from {@code start} until now. */
    private Window until(Kind kind, long start, String detail) {
        return new Window(kind, phase, start, clock.millis(), detail);
    }

    private Window restartPostgres() throws InterruptedException {
        long start = clock.millis();
        database.restart(durations.postgresDown());
        return until(
                Kind.POSTGRES_RESTART,
                start,
                "fast shutdown, down " + durations.postgresDown().toSeconds() + " s, started again with its data");
    }

    /**
     * Ends every backend of the functions' roles at a moment one of them is running a statement: the
     * server's view of its backends and the terminations are one statement, tried until it finds a
     * statement running (at most 5 s; then it ends them all anyway).
     */
    private Window terminateBackends() throws SQLException, InterruptedException {
        try (Connection admin = database.superuser();
                PreparedStatement terminate = admin.prepareStatement(
                        "WITH backends AS (SELECT pid, state FROM pg_stat_activity WHERE usename LIKE ?"
                                + " AND pid <> pg_backend_pid())"
                                + " SELECT state = 'active', pg_terminate_backend(pid) FROM backends"
                                + " WHERE ? OR EXISTS (SELECT 1 FROM backends WHERE state = 'active')")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (true) {
                bind(terminate).setBoolean(2, System.nanoTime() > deadline);
                long at = clock.millis();
                int active = 0;
                int all = 0;
                try (ResultSet rows = terminate.executeQuery()) {
                    while (rows.next()) {
                        all++;
                        active += rows.getBoolean(1) ? 1 : 0;
                    }
                }
                if (all > 0 || System.nanoTime() > deadline) {
                    return new Window(
                            Kind.BACKENDS_TERMINATED,
                            phase,
                            at,
                            at,
                            all + " backends of the functions' roles, " + active + " of them mid-statement");
                }
                Thread.sleep(1);
            }
        }
    }

    private PreparedStatement bind(PreparedStatement statement) throws SQLException {
        statement.setString(1, rolePrefix.replace("_", "\\_") + "%");
        return statement;
    }

    private Window stallNetwork() throws InterruptedException {
        long start = clock.millis();
        relay.stopForwarding();
        try {
            Thread.sleep(durations.stall().toMillis());
        } finally {
            relay.resume();
        }
        return until(
                Kind.NETWORK_STALL,
                start,
                "nothing crossed between the functions and the database for "
                        + durations.stall().toSeconds() + " s");
    }

    private Window restartPgBouncer() {
        long start = clock.millis();
        pgbouncer.restart();
        return until(Kind.PGBOUNCER_RESTART, start, "SIGTERM (every connection closed at once), then started again");
    }

    /**
     * Other clients open every connection of the reserve not yet in use (the rest of the app's
     * pools are open already; migrations, monitoring and people with psql arrive at once), each
     * running a statement, for a while; the functions' connections are what the budget gives them.
     */
    private Window takeTheReserve() throws Exception {
        long start = clock.millis();
        int reserve = database.limits().reservedConnections();
        int inUse;
        try (Connection admin = database.superuser()) {
            inUse = otherConnections(admin) + 1; // this one, too
        }
        int more = Math.max(0, reserve - inUse);
        ExecutorService clients = Executors.newFixedThreadPool(Math.max(1, more), Traffic.daemon("other-client"));
        List<Future<Boolean>> opened = new ArrayList<>();
        try (Connection counting = database.superuser()) {
            for (int i = 0; i < more; i++) {
                opened.add(clients.submit(() -> {
                    try (Connection connection = database.otherClient();
                            Statement statement = connection.createStatement()) {
                        statement.execute(
                                "SELECT pg_sleep(" + durations.reserve().toSeconds() + ")");
                        return true;
                    } catch (SQLException e) {
                        return false;
                    }
                }));
            }
            Thread.sleep(500);
            int peak = otherConnections(counting);
            int refused = 0;
            for (Future<Boolean> client : opened) {
                refused += client.get(durations.reserve().toSeconds() + 30, TimeUnit.SECONDS) ? 0 : 1;
            }
            return until(
                    Kind.RESERVE_TAKEN,
                    start,
                    more + " more connections of other clients for "
                            + durations.reserve().toSeconds()
                            + " s: " + peak + " of the reserve's " + reserve + " in use (with this one), " + refused
                            + " refused");
        } finally {
            clients.shutdownNow();
        }
    }

    private int otherConnections(Connection admin) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE backend_type = 'client backend' AND (usename IS NULL OR usename NOT LIKE ?)");
                ResultSet rows = bind(statement).executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** A person's transaction locks every task of the spam desk's raw messages, then rolls back. */
    private Window lockRows() throws SQLException, InterruptedException {
        long start = clock.millis();
        try (Connection person = database.superuser()) {
            person.setAutoCommit(false);
            int locked = 0;
            try (PreparedStatement statement =
                            person.prepareStatement("SELECT \"id\" FROM \"Task\" WHERE \"id\" LIKE ? FOR UPDATE");
                    ResultSet rows = statementFor(statement).executeQuery()) {
                while (rows.next()) {
                    locked++;
                }
            }
            Thread.sleep(durations.lock().toMillis());
            person.rollback();
            return until(
                    Kind.ROWS_LOCKED,
                    start,
                    locked + " task rows of the spam desk locked for "
                            + durations.lock().toSeconds() + " s");
        }
    }

    private static PreparedStatement statementFor(PreparedStatement statement) throws SQLException {
        statement.setString(1, SpamDesk.TASK_PREFIX + "%");
        return statement;
    }

    /**
     * Half the environments of each function's newest version (at least one) get no request for
     * longer than the server's idle timeout, which closes their idle connections; then they serve
     * again. Their pools must find those connections dead and open new ones, never hand them out.
     */
    private Window freezeEnvironments() throws InterruptedException {
        long start = clock.millis();
        List<SimulatedLambda.Frozen> frozen = new ArrayList<>();
        for (SimulatedLambda function : deployment.newest()) {
            frozen.add(function.freeze(Math.max(1, function.instances() / 2)));
        }
        int environments =
                frozen.stream().mapToInt(SimulatedLambda.Frozen::count).sum();
        Thread.sleep(durations.freeze().toMillis());
        frozen.forEach(SimulatedLambda.Frozen::thaw);
        long thawed = clock.millis();
        Thread.sleep(durations.serverIdleTimeout().toMillis() / 2);
        long replaced = frozen.stream()
                .mapToLong(SimulatedLambda.Frozen::replacedSinceFreeze)
                .sum();
        return new Window(
                Kind.ENVIRONMENTS_FROZEN,
                phase,
                start,
                thawed,
                environments + " environments frozen for " + durations.freeze().toSeconds()
                        + " s (the server's idle timeout "
                        + durations.serverIdleTimeout().toSeconds()
                        + " s); in the " + durations.serverIdleTimeout().toSeconds() / 2
                        + " s after the thaw their pools found " + replaced
                        + " connection(s) closed and replaced them");
    }
}
