package com.taskdesk.gameday;

import com.taskdesk.budget.check.BudgetCheck;
import com.taskdesk.budget.check.DatabaseBudget;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.DatabaseUrlParameters;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.Pooler;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.budget.render.DeployContract;
import com.taskdesk.budget.report.PgBouncerSettings;
import com.taskdesk.db.Database;
import com.taskdesk.secrets.FunctionSecrets;
import com.taskdesk.testing.DebianPackageCondition;
import com.taskdesk.testing.PgBouncerProcess;
import com.taskdesk.testing.TcpRelay;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The game day: the functions of {@link com.taskdesk.budget.config.Endpoint#all()} as simulated Lambda
 * environments under stage prod's budget from config/, against one PostgreSQL with prod's
 * max_connections and reserve and the roles {@code roles --stage prod} emits, first directly and
 * then behind PgBouncer configured from the tool's settings; the task desk's traffic, a second
 * version deployed halfway through each half, the faults of {@link Faults} on a schedule; then
 * the invariants of {@link Verdict} and the report.
 *
 * <pre>./mvnw -q test-compile exec:exec@gameday                          (10 minutes: docs/gameday.md)
 * ./mvnw -q test-compile exec:exec@gameday -Dgameday.minutes=4       (target/gameday/gameday.md)
 * ./mvnw -q test-compile exec:exec@gameday -Dgameday.broken=non-atomic-mark-spam</pre>
 *
 * It exits 1 when an invariant does not hold.
 */
public final class GameDay {

    static final String COMMAND = "./mvnw -q test-compile exec:exec@gameday";
    static final String STAGE = "prod";
    /** Production's idle timeouts (300 s) as the game day runs them: a frozen environment outlives them in seconds. */
    static final Duration SERVER_IDLE_TIMEOUT = Duration.ofSeconds(8);

    static final long WARM_UP_MS = 15_000;
    static final long COOL_DOWN_MS = 20_000;
    /** How long before the deploy's shift completes the old version is driven to its cap. */
    static final long DEPLOY_BURST_LEAD_MS = 2_000;
    /** Faults start at least this far apart, so each one's recovery can be seen before the next. */
    static final long FAULT_SPACING_MS = 16_000;

    /** What the command was asked for. */
    record Options(double minutes, String broken, List<String> phases, int managers, int agents, long seed) {

        static Options fromSystemProperties() {
            return new Options(
                    Double.parseDouble(System.getProperty("gameday.minutes", "10")),
                    System.getProperty("gameday.broken", ""),
                    List.of(System.getProperty("gameday.phases", "direct,pgbouncer")
                            .split(",")),
                    Integer.parseInt(System.getProperty("gameday.managers", "90")),
                    Integer.parseInt(System.getProperty("gameday.agents", "50")),
                    Long.parseLong(System.getProperty("gameday.seed", "18")));
        }

        /** Only a full, unbroken run of both phases rewrites docs/gameday.md. */
        boolean full() {
            return minutes >= 10 && broken.isEmpty() && phases.equals(List.of("direct", "pgbouncer")) && agents == 50;
        }

        long phaseMs() {
            return (long) (minutes * 60_000 / phases.size());
        }

        String command() {
            StringBuilder command = new StringBuilder(COMMAND);
            if (minutes != 10) {
                command.append(" -Dgameday.minutes=")
                        .append(minutes == Math.rint(minutes) ? "" + (long) minutes : minutes);
            }
            if (!broken.isEmpty()) {
                command.append(" -Dgameday.broken=").append(broken);
            }
            if (!phases.equals(List.of("direct", "pgbouncer"))) {
                command.append(" -Dgameday.phases=").append(String.join(",", phases));
            }
            if (agents != 50) {
                command.append(" -Dgameday.agents=").append(agents);
            }
            return command.toString();
        }
    }

    /** Keeps the application's own 503 warnings out of the console (thousands in a run); its errors stay. */
    private static final Logger APPLICATION_LOG = Logger.getLogger("com.taskdesk");

    private final Options options;
    private final GameClock clock = new GameClock();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<Faults.Window> faults = Collections.synchronizedList(new ArrayList<>());
    private final List<AppOverrun.Result> overruns = Collections.synchronizedList(new ArrayList<>());
    private final Ledger ledger = new Ledger();

    private GameDay(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        APPLICATION_LOG.setLevel(Level.SEVERE);
        Options options = Options.fromSystemProperties();
        Report report = new GameDay(options).run();
        System.out.println(report.summary());
        System.exit(report.verdict().holds() ? 0 : 1);
    }

    Report run() throws Exception {
        BudgetConfig shipped = ConfigFiles.load(Path.of(""));
        StageConfig stage = shipped.stage(STAGE);
        requirePasses("config/", shipped);
        BudgetConfig pooled = behindPgBouncer(shipped, stage);
        requirePasses("config/ with stage " + STAGE + "'s database behind PgBouncer", pooled);
        List<Phase> plan = new ArrayList<>();
        for (String name : options.phases()) {
            plan.add(
                    switch (name) {
                        case "direct" -> new Phase("direct", shipped, stage, false, 0, 0, 0);
                        case "pgbouncer" -> new Phase("pgbouncer", pooled, pooled.stage(STAGE), true, 0, 0, 0);
                        default -> throw new IllegalArgumentException("gameday.phases: direct, pgbouncer; not " + name);
                    });
        }
        if (plan.stream().anyMatch(Phase::pooled)
                && DebianPackageCondition.find("pgbouncer").isEmpty()) {
            throw new IllegalStateException("pgbouncer is not installed (apt-get install pgbouncer)");
        }
        log(
                "Game day: %s, %s minutes, %d managers, %d agent portals%s",
                STAGE,
                options.minutes(),
                options.managers(),
                options.agents(),
                options.broken().isEmpty() ? "" : ", broken variant " + options.broken());

        long setupStarted = System.nanoTime();
        try (GameDayDatabase database = GameDayDatabase.start(stage.database())) {
            SpamDesk desk = SpamDesk.create(database, options.managers(), writers(stage), clock);
            AgentPortals portals = AgentPortals.open(database, options.agents(), stage.todayTimeZone());
            try (Connection admin = database.superuser()) {
                ledger.opening(admin);
            }
            int otherClients = database.app().share();
            log(
                    "PostgreSQL %d on port %d with the demo data and the spam desk in %.1f s; the rest of the app"
                            + " holds its %d connections on role %s",
                    stage.database().postgresVersion(),
                    database.port(),
                    (System.nanoTime() - setupStarted) / 1e9,
                    otherClients,
                    database.app().role());
            List<Phase> ran = new ArrayList<>();
            List<ConnectionSampler.Sample> samples;
            DeskWatch watch = new DeskWatch(database, clock);
            try (OtherClients others = new OtherClients(database, otherClients).start();
                    ConnectionSampler sampler =
                            new ConnectionSampler(database, "taskdesk_" + STAGE + "_", clock).start();
                    DeskWatch watching = watch.start()) {
                Random random = new Random(options.seed());
                for (Phase phase : plan) {
                    ran.add(runPhase(phase, database, desk, portals, random));
                }
                samples = sampler.samples();
            }
            Ledger.Verdict ledgerVerdict;
            try (Connection admin = database.superuser()) {
                ledgerVerdict = ledger.close(admin, watch);
            }
            Verdict verdict = new Verdict(
                    ran, List.copyOf(outcomes), samples, List.copyOf(faults), List.copyOf(overruns), ledgerVerdict);
            Report report = new Report(options, ran, List.copyOf(outcomes), samples, List.copyOf(faults), verdict);
            report.write();
            return report;
        }
    }

    /**
     * The item of config/'s reservedFor that the rest of the task desk holds all the time, on its own
     * role: its other endpoints' pools. The rest of the reserve (migrations, people, monitoring) comes
     * and goes: the game day's own connections, and the fault that takes all of it at once.
     */
    static final String REST_OF_APP = "restOfApp";

    private Phase runPhase(Phase phase, GameDayDatabase database, SpamDesk desk, AgentPortals portals, Random random)
            throws Exception {
        database.applyRoles(phase.config(), phase.stage(), SERVER_IDLE_TIMEOUT);
        DatabaseBudget budget = phase.budget();
        PgBouncerProcess pgbouncer = null;
        if (phase.pooled()) {
            Map<String, String> settings = new LinkedHashMap<>(PgBouncerSettings.of(budget));
            settings.put("client_idle_timeout", Long.toString(SERVER_IDLE_TIMEOUT.toSeconds()));
            pgbouncer = PgBouncerProcess.start(
                    settings,
                    PgBouncerSettings.users(budget),
                    database.port(),
                    phase.stage().functions().stream()
                            .map(f -> phase.stage().roleName(f.name()))
                            .toList());
        }
        try (TcpRelay relay = new TcpRelay("127.0.0.1", pgbouncer == null ? database.port() : pgbouncer.port());
                Deployment deployment = new Deployment(
                        phase.stage(), (function, version) -> version(phase, function, version, relay))) {
            long start = clock.millis();
            long end = start + options.phaseMs();
            long deployAt = start + options.phaseMs() / 2;
            log(
                    "%s: %s, budget %s, until %s s",
                    phase.name(),
                    pgbouncer == null ? "straight to PostgreSQL" : "behind PgBouncer",
                    budget.budgetDescription(),
                    Verdict.seconds(end));
            Faults faulty = new Faults(
                    phase.name(),
                    database,
                    relay,
                    pgbouncer,
                    deployment,
                    "taskdesk_" + STAGE + "_",
                    durations(phase.stage()),
                    clock);
            ScheduledExecutorService deploy = Executors.newSingleThreadScheduledExecutor(Traffic.daemon("deploy"));
            Traffic traffic = new Traffic(
                    phase.name(),
                    deployment,
                    desk,
                    portals,
                    ledger,
                    clock,
                    phase.stage(),
                    options.managers(),
                    outcomes);
            try {
                traffic.start();
                deploy.schedule(
                        () -> {
                            deployment.deployNewVersion();
                            log("%s: version 2 deployed at %s s", phase.name(), Verdict.seconds(clock.millis()));
                        },
                        deployAt - clock.millis(),
                        TimeUnit.MILLISECONDS);
                // The deploy's worst moment: a burst just before the shift completes brings every function's
                // old version to its cap, one just after brings the new version to its cap while the old
                // one's environments, idle for less than the server's idle timeout, still hold their connections.
                long shifted = deployAt + deployment.longestShift().toMillis();
                deploy.schedule(
                        () -> traffic.burst("burst before the deploy completes"),
                        shifted - DEPLOY_BURST_LEAD_MS - clock.millis(),
                        TimeUnit.MILLISECONDS);
                deploy.schedule(
                        () -> traffic.burst("burst as the deploy completes"),
                        shifted + DEPLOY_BURST_LEAD_MS / 4 - clock.millis(),
                        TimeUnit.MILLISECONDS);
                Faults.Durations durations = durations(phase.stage());
                long longestFault = durations
                                .freeze()
                                .plus(durations.serverIdleTimeout().dividedBy(2))
                                .toMillis()
                        + 1_000;
                long rotationFrom = start + WARM_UP_MS;
                if (!phase.pooled()) { // the bulkhead, once: the app beside the functions straight to PostgreSQL
                    clock.sleepUntil(rotationFrom);
                    record(phase, faulty.inject(Faults.Kind.APP_OVERRUN));
                    rotationFrom = clock.millis() + FAULT_SPACING_MS;
                }
                for (Scheduled fault : schedule(
                        faulty.kinds(),
                        rotationFrom,
                        end - COOL_DOWN_MS,
                        shifted - DEPLOY_BURST_LEAD_MS - 1_000,
                        shifted + SERVER_IDLE_TIMEOUT.toMillis(),
                        longestFault,
                        random)) {
                    clock.sleepUntil(fault.atMs());
                    record(phase, faulty.inject(fault.kind()));
                }
                clock.sleepUntil(end);
            } finally {
                overruns.addAll(faulty.overruns());
                traffic.close();
                deploy.shutdownNow();
                if (pgbouncer != null) {
                    pgbouncer.close();
                }
            }
            log("%s: %d environments at the end", phase.name(), deployment.instances());
            return phase.ran(start, end, deployAt);
        }
    }

    private void record(Phase phase, Faults.Window window) {
        faults.add(window);
        log(
                "%s: %s at %s s, %s s: %s",
                phase.name(),
                window.kind().label,
                Verdict.seconds(window.startMs()),
                Verdict.seconds(window.endMs() - window.startMs()),
                window.detail());
    }

    /** A fault and when it starts. */
    record Scheduled(long atMs, Faults.Kind kind) {}

    /**
     * Rounds of every fault (each round in its own order), evenly spread over [from, to] but for a
     * quiet window (the deploy's worst moment, measured without a fault in it): no fault of at most
     * {@code longest} overlaps it.
     */
    static List<Scheduled> schedule(
            List<Faults.Kind> kinds, long from, long to, long quietFrom, long quietTo, long longest, Random random) {
        boolean quietInside = quietFrom > from
                && quietTo < to
                && to - from - (quietTo - quietFrom + longest) >= kinds.size() * FAULT_SPACING_MS;
        long gap = quietInside ? quietTo - quietFrom + longest : 0;
        long available = Math.max(0, to - from - gap);
        int rounds = (int) Math.max(1, available / (kinds.size() * FAULT_SPACING_MS));
        List<Faults.Kind> order = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<Faults.Kind> shuffled = new ArrayList<>(kinds);
            Collections.shuffle(shuffled, random);
            order.addAll(shuffled);
        }
        long spacing = available / order.size();
        List<Scheduled> schedule = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            long at = from + i * spacing;
            schedule.add(new Scheduled(quietInside && at + longest > quietFrom ? at + gap : at, order.get(i)));
        }
        return schedule;
    }

    /** How long the faults last: past the longest statement timeout, past the server's idle timeout. */
    static Faults.Durations durations(StageConfig stage) {
        int longestStatement = stage.functions().stream()
                .mapToInt(FunctionBudget::statementTimeoutSeconds)
                .max()
                .orElseThrow();
        Duration pastStatements = Duration.ofSeconds(longestStatement + 2);
        return new Faults.Durations(
                Duration.ofSeconds(3),
                pastStatements,
                pastStatements,
                SERVER_IDLE_TIMEOUT.plusSeconds(4),
                Duration.ofSeconds(6),
                SERVER_IDLE_TIMEOUT);
    }

    /** Version n of a function: its cap, and environments started as the deployed function starts. */
    private SimulatedLambda version(Phase phase, FunctionBudget function, int version, TcpRelay relay) {
        Map<String, String> environment = environment(phase.stage(), function, relay.port());
        FunctionInstance.HandlerFactory handlers = handlers(function.name());
        return new SimulatedLambda(
                version,
                function.maxInstances(),
                () -> FunctionInstance.start(function.endpoint(), environment, handlers));
    }

    /**
     * What the deploy files give the function (the stage's and its own variables), with the
     * database-url secret's value in DATABASE_URL instead of its Secrets Manager id: the relay's
     * address, and what config/ says the URL carries (pgbouncer=true behind PgBouncer) but its TLS.
     */
    static Map<String, String> environment(StageConfig stage, FunctionBudget function, int port) {
        Map<String, String> environment = new LinkedHashMap<>(DeployContract.stageEnvironment(stage));
        environment.putAll(DeployContract.functionEnvironment(stage, function));
        // the token secret's id comes with a function's own variables (only those that check tokens have it)
        environment.remove(FunctionSecrets.DATABASE_URL_SECRET_ID);
        environment.remove(FunctionSecrets.JWT_SECRET_ID);
        environment.put(
                FunctionSecrets.DATABASE_URL,
                "postgresql://taskdesk:" + GameDayDatabase.FUNCTION_PASSWORD + "@127.0.0.1:" + port + "/postgres"
                        + withoutTls(stage.database().databaseUrl()).query());
        return environment;
    }

    /** The game day's own PostgreSQL serves no TLS: a production stage's verify-full would refuse it. */
    private static DatabaseUrlParameters withoutTls(DatabaseUrlParameters url) {
        return new DatabaseUrlParameters(url.pgbouncer(), url.schema(), null, null);
    }

    private FunctionInstance.HandlerFactory handlers(String function) {
        if (options.broken().isEmpty()) {
            return FunctionInstance.OWN_HANDLER;
        }
        if (options.broken().equals(NonAtomicMarkSpam.VARIANT)) {
            return function.equals(Ledger.MARK_SPAM.function())
                    ? (endpoint, wiring) -> new NonAtomicMarkSpam(wiring.get(Database.class))
                    : FunctionInstance.OWN_HANDLER;
        }
        throw new IllegalArgumentException(
                "gameday.broken: " + NonAtomicMarkSpam.VARIANT + " (or nothing); not " + options.broken());
    }

    /** One manager per write: the steady writes and the bursts' of the whole run, with room to spare. */
    private int writers(StageConfig stage) {
        return Traffic.writes(stage, options.minutes() * 60) * 3 / 2 + 200;
    }

    /**
     * The stage's database behind PgBouncer in transaction mode: the smallest server pool the check
     * allows (every statement in flight, and the one connection PgBouncer keeps free), room for every
     * instance of both versions as clients, and DATABASE_URL with pgbouncer=true.
     */
    static BudgetConfig behindPgBouncer(BudgetConfig config, StageConfig stage) {
        DatabaseLimits direct = stage.database();
        int inFlight = stage.functions().stream()
                .mapToInt(FunctionBudget::inFlightConnections)
                .sum();
        int spare = inFlight - new Pooler(Pooler.Kind.PGBOUNCER, inFlight, 0).statementsInFlight();
        Pooler pgbouncer = new Pooler(
                Pooler.Kind.PGBOUNCER,
                inFlight + spare,
                DatabaseBudget.of(config, stage).clientConnections());
        DatabaseLimits pooled = direct.withPooler(
                pgbouncer, new DatabaseUrlParameters(true, direct.databaseUrl().schema(), null, null));
        return new BudgetConfig(List.of(stage.withDatabase(pooled)));
    }

    private static void requirePasses(String what, BudgetConfig config) {
        List<Finding> findings =
                BudgetCheck.run(config).stream().filter(Finding::isError).toList();
        if (!findings.isEmpty()) {
            throw new IllegalStateException(what + " fails the budget check: " + findings);
        }
    }

    static void log(String format, Object... arguments) {
        System.out.printf(java.util.Locale.ROOT, "[%tT] " + format + "%n", prepend(arguments));
    }

    private static Object[] prepend(Object[] arguments) {
        Object[] all = new Object[arguments.length + 1];
        all[0] = new java.util.Date();
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return all;
    }
}
