package com.taskdesk.gameday;

import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.StageConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests of the game day, sent to a {@link Deployment} the way the task desk's pages and
 * managers send them:
 * <ul>
 *   <li>the dashboard: every manager polls it every 30 s, its three GETs at once (agents,
 *       agent-progress, metrics), each manager at a moment of its own;
 *   <li>the pages that assign work: agents lists with a filter (each of the task types, none, or
 *       one the function does not know), steadily, and in bursts;
 *   <li>spam writes: a steady trickle of mark-spam and restore on overlapping ids;
 *   <li>the open agent portals ({@link AgentPortals}): each its task list every 5 s, its completed
 *       column and a heartbeat every 30 s, with its agent's token;
 *   <li>every other function of {@link Endpoint#all()} (spam-counts, health, the Holds overview's and
 *       the assistance polls, and any added later): its sample request with a manager's token, steadily;
 *   <li>bursts: every function at once, twice as many requests as it has instances (the dashboards
 *       reloaded together, the assign pages, the spam desk's bulk moves and restores on overlapping
 *       ids): each function at its cap, the rest throttled.
 * </ul>
 * Each request runs on a thread of its own, as a caller waiting for its answer; what came back
 * is kept as an {@link Outcome}.
 */
final class Traffic implements AutoCloseable {

    static final long DASHBOARD_POLL_MS = 30_000;
    static final List<String> DASHBOARD = List.of("agents", "agent-progress", "metrics");
    static final List<String> FILTERS =
            List.of("TEXT_CLUB", "WOD_IVCS", "EMAIL_REQUESTS", "STANDALONE_REFUNDS", "HOLDS", "YOTPO", "", "unknown");
    static final long ASSIGN_PAGE_EVERY_MS = 400;
    static final long WRITE_EVERY_MS = 1_000;
    static final long OTHERS_EVERY_MS = 2_000;
    static final long BURST_EVERY_MS = 20_000;
    /** A burst sends each function this many times its maxInstances at once. */
    static final int BURST_PER_INSTANCE = 2;

    private final String phase;
    private final Deployment deployment;
    private final SpamDesk desk;
    private final AgentPortals portals;
    private final Ledger ledger;
    private final GameClock clock;
    private final StageConfig stage;
    private final int managers;
    private final ConcurrentLinkedQueue<Outcome> outcomes;
    private final ScheduledExecutorService schedule = Executors.newScheduledThreadPool(2, daemon("traffic"));
    private final ExecutorService callers = Executors.newCachedThreadPool(daemon("caller"));

    Traffic(
            String phase,
            Deployment deployment,
            SpamDesk desk,
            AgentPortals portals,
            Ledger ledger,
            GameClock clock,
            StageConfig stage,
            int managers,
            ConcurrentLinkedQueue<Outcome> outcomes) {
        this.phase = phase;
        this.deployment = deployment;
        this.desk = desk;
        this.portals = portals;
        this.ledger = ledger;
        this.clock = clock;
        this.stage = stage;
        this.managers = managers;
        this.outcomes = outcomes;
    }

    private static Endpoint endpoint(String function) {
        return Endpoint.forFunction(function)
                .orElseThrow(() -> new IllegalStateException("The game day's traffic names " + function
                        + ", which is no longer a function of Endpoint.all()"));
    }

    void start() {
        List<Endpoint> dashboard = DASHBOARD.stream().map(Traffic::endpoint).toList();
        for (int m = 0; m < managers; m++) {
            Bearer manager = desk.manager(m);
            schedule.scheduleAtFixedRate(
                    () -> dashboard.forEach(endpoint -> send(
                            Call.get(endpoint, Map.of("_", "" + System.currentTimeMillis()), manager, "dashboard"))),
                    ThreadLocalRandom.current().nextLong(DASHBOARD_POLL_MS),
                    DASHBOARD_POLL_MS,
                    TimeUnit.MILLISECONDS);
        }
        Endpoint agents = endpoint("agents");
        schedule.scheduleAtFixedRate(
                () -> send(assignPage(agents, "assign page")), 0, ASSIGN_PAGE_EVERY_MS, TimeUnit.MILLISECONDS);
        List<Endpoint> writes =
                Ledger.RULES.keySet().stream().sorted().map(Traffic::endpoint).toList();
        schedule.scheduleAtFixedRate(
                () -> send(desk.write(
                        writes.get(ThreadLocalRandom.current().nextInt(writes.size())),
                        1 + ThreadLocalRandom.current().nextInt(4),
                        "spam desk")),
                WRITE_EVERY_MS / 2,
                WRITE_EVERY_MS,
                TimeUnit.MILLISECONDS);
        for (Endpoint route : Endpoint.all()) {
            if (AgentPortals.serves(route)) {
                long every = AgentPortals.POLLS.get(route.functionName());
                for (int p = 0; p < portals.portals(); p++) {
                    int portal = p;
                    schedule.scheduleAtFixedRate(
                            () -> send(portals.request(route, portal, "agent portal")),
                            ThreadLocalRandom.current().nextLong(every),
                            every,
                            TimeUnit.MILLISECONDS);
                }
            }
        }
        Set<String> named = new HashSet<>(DASHBOARD);
        named.addAll(Ledger.RULES.keySet());
        named.addAll(AgentPortals.POLLS.keySet());
        for (Endpoint other : Endpoint.all()) {
            if (!named.contains(other.functionName())) {
                schedule.scheduleAtFixedRate(
                        () -> send(sample(other)),
                        ThreadLocalRandom.current().nextLong(OTHERS_EVERY_MS),
                        OTHERS_EVERY_MS,
                        TimeUnit.MILLISECONDS);
            }
        }
        schedule.scheduleAtFixedRate(() -> burst("burst"), BURST_EVERY_MS / 2, BURST_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    private Call assignPage(Endpoint agents, String source) {
        String filter = FILTERS.get(ThreadLocalRandom.current().nextInt(FILTERS.size()));
        return Call.get(
                agents,
                Map.of("filter", filter),
                desk.manager(ThreadLocalRandom.current().nextInt(1000)),
                source);
    }

    /** Its sample request (events/'s), from a manager of the dashboard. */
    private Call sample(Endpoint endpoint) {
        Map<String, String> query = new HashMap<>();
        if (!endpoint.sampleQuery().isEmpty()) {
            for (String pair : endpoint.sampleQuery().split("&")) {
                int equals = pair.indexOf('=');
                query.put(equals < 0 ? pair : pair.substring(0, equals), equals < 0 ? "" : pair.substring(equals + 1));
            }
        }
        return new Call(
                endpoint,
                query,
                endpoint.sampleBody(),
                desk.manager(ThreadLocalRandom.current().nextInt(1000)),
                List.of(),
                "sample request");
    }

    /** The request the task desk's pages send this function. */
    private Call request(Endpoint endpoint, String source) {
        String function = endpoint.functionName();
        if (function.equals("agents")) {
            return assignPage(endpoint, source);
        }
        if (DASHBOARD.contains(function)) {
            return Call.get(
                    endpoint,
                    Map.of("_", Long.toString(System.currentTimeMillis())),
                    desk.manager(ThreadLocalRandom.current().nextInt(1000)),
                    source);
        }
        if (Ledger.RULES.containsKey(function)) {
            return desk.write(endpoint, 1 + ThreadLocalRandom.current().nextInt(3), source);
        }
        if (AgentPortals.serves(endpoint)) {
            return portals.request(endpoint, ThreadLocalRandom.current().nextInt(1000), source);
        }
        return sample(endpoint);
    }

    /** Every function at once, {@link #BURST_PER_INSTANCE} requests per instance it may have, released together. */
    void burst(String source) {
        List<Call> calls = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.all()) {
            int count =
                    BURST_PER_INSTANCE * stage.function(endpoint.functionName()).maxInstances();
            for (int i = 0; i < count; i++) {
                calls.add(request(endpoint, source));
            }
        }
        CountDownLatch go = new CountDownLatch(1);
        for (Call call : calls) {
            callers.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                run(call);
            });
        }
        go.countDown();
    }

    /** Writes a run of this long sends at most: the steady ones and the bursts'. */
    static int writes(StageConfig stage, double seconds) {
        int perBurst = Ledger.RULES.keySet().stream()
                .mapToInt(function ->
                        BURST_PER_INSTANCE * stage.function(function).maxInstances())
                .sum();
        return (int) (seconds * (1000.0 / WRITE_EVERY_MS + perBurst * 1000.0 / BURST_EVERY_MS));
    }

    private void send(Call call) {
        callers.execute(() -> run(call));
    }

    private void run(Call call) {
        SimulatedLambda function = deployment.route(call.function());
        long sent = clock.millis();
        Answer answer = function.invoke(call);
        Outcome outcome = new Outcome(phase, call, function.version(), sent, clock.millis(), answer);
        outcomes.add(outcome);
        if (answer.status() == 500 && answer.failure() != null) {
            // the function logs a 500 with its stack; so does the game day, to diagnose it
            System.err.println(phase + " " + call.function() + " answered 500 at " + Verdict.seconds(sent) + " s:");
            answer.failure().printStackTrace();
        }
        if (Ledger.RULES.containsKey(call.function())) {
            ledger.record(outcome);
        }
    }

    /** Sends nothing more, and waits for every request still running to be answered. */
    @Override
    public void close() throws InterruptedException {
        schedule.shutdownNow();
        schedule.awaitTermination(5, TimeUnit.SECONDS);
        callers.shutdown();
        if (!callers.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still unanswered 60 s after the traffic stopped");
        }
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
