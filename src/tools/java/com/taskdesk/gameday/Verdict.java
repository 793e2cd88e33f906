package com.taskdesk.gameday;

import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.FunctionBudget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The game day's invariants, checked on everything it recorded:
 * <ol>
 *   <li>no 500 at any time, and every answer but a 200 is a 503 with Retry-After or a 429;
 *   <li>no failure (a non-200 that is not a 429) but one a fault explains: a request sent while the
 *       fault could reach it (from the longest a request of that function takes before the fault
 *       began, to a little after it ended), of a function that fault may fail (none while the
 *       reserve is taken or environments are frozen and thawed, only the writes while rows are
 *       locked);
 *   <li>the functions' connections at the server, sampled every 100 ms, never above a role's
 *       CONNECTION LIMIT, nor in total above the budget;
 *   <li>after each fault, every function it failed answers 200 again (the recovery time is the
 *       wait from the fault's end to that 200);
 *   <li>the ledger's: every acknowledged write in the database exactly once with its history,
 *       nothing deleted, no raw message READY with a task ({@link Ledger});
 *   <li>the bulkhead: while the rest of the app asks for more than its share ({@link AppOverrun}),
 *       PostgreSQL refuses each connection past it with the role's own error, the role never holds more
 *       than its share, and no function fails (the overrun explains no 503).
 * </ol>
 */
final class Verdict {

    /**
     * After a fault ends, how long a request may still fail: a pooled connection it left half open is
     * found dead within the pool's validation timeout (application.properties, 2 s).
     */
    static final long SETTLE_MS = 2_000;

    /** A function's return to 200 is judged only when its phase ran on this long after the fault (short runs). */
    static final long JUDGED_AFTER_MS = 10_000;

    /** What the game day promises. */
    enum Invariant {
        NO_500("no 500 at any time"),
        ONLY_503_OR_429("every non-200 is a 503 with Retry-After or a 429"),
        EXPLAINED("no 503 but one a fault explains"),
        CONNECTIONS("connections by role never above CONNECTION LIMIT, total never above the budget"),
        RECOVERS("every function a fault failed answers 200 again"),
        LEDGER("every acknowledged write in the database exactly once, with its history; nothing deleted"),
        WHOLE_MOVES("no moment shows a move half done"),
        BULKHEAD(
                "the rest of the app past its share is refused with its role's error, and the functions do not notice");

        final String label;

        Invariant(String label) {
            this.label = label;
        }
    }

    /** One thing that broke an invariant. */
    record Violation(Invariant invariant, String what) {

        @Override
        public String toString() {
            return what;
        }
    }

    /** One fault and how the functions came back from it. */
    record Recovery(Faults.Window window, Map<String, Integer> failures, Map<String, Long> recoveryMs) {

        /** The slowest function's recovery; empty when none failed. */
        Optional<Long> slowest() {
            return recoveryMs.values().stream().max(Long::compare);
        }
    }

    /** The peak of one phase. */
    record Peak(
            String phase, int budget, int functions, long atMs, Map<String, int[]> roles, long samples, long down) {}

    private final List<Violation> violations = new ArrayList<>();
    private final Map<String, Map<String, Map<Integer, Integer>>> statuses = new LinkedHashMap<>();
    private final Map<String, Integer> failureReasons = new TreeMap<>();
    private final List<Recovery> recoveries = new ArrayList<>();
    private final List<Peak> peaks = new ArrayList<>();
    private final List<String> unjudged = new ArrayList<>();
    private final List<AppOverrun.Result> overruns;
    private final Ledger.Verdict ledger;

    Verdict(
            List<Phase> phases,
            List<Outcome> outcomes,
            List<ConnectionSampler.Sample> samples,
            List<Faults.Window> faults,
            Ledger.Verdict ledger) {
        this(phases, outcomes, samples, faults, List.of(), ledger);
    }

    Verdict(
            List<Phase> phases,
            List<Outcome> outcomes,
            List<ConnectionSampler.Sample> samples,
            List<Faults.Window> faults,
            List<AppOverrun.Result> overruns,
            Ledger.Verdict ledger) {
        this.overruns = overruns;
        this.ledger = ledger;
        overruns.forEach(this::bulkhead);
        for (Phase phase : phases) {
            List<Outcome> ofPhase = outcomes.stream()
                    .filter(o -> o.phase().equals(phase.name()))
                    .sorted(Comparator.comparingLong(Outcome::answeredMs))
                    .toList();
            List<Faults.Window> faultsOfPhase =
                    faults.stream().filter(w -> w.phase().equals(phase.name())).toList();
            answers(phase, ofPhase, faultsOfPhase);
            connections(
                    phase, samples.stream().filter(s -> phase.contains(s.ms())).toList());
            for (Faults.Window window : faultsOfPhase) {
                recoveries.add(recovery(phase, window, faultsOfPhase, ofPhase));
            }
        }
        // The ledger checks the writes that move tasks. The heartbeat moves none: it sets its caller's
        // "lastSeen", last writer wins (one delayed by a stall may commit after a later one), so no exact end
        // state to check; its answers are held to invariants 1 to 4 like every read's.
        for (Endpoint endpoint : Endpoint.all()) {
            if (endpoint.changesTasks() && !Ledger.RULES.containsKey(endpoint.functionName())) {
                violate(
                        Invariant.LEDGER,
                        endpoint.functionName()
                                + " writes, but the ledger has no rule for it: its writes go unchecked");
            }
        }
        ledger.violations().forEach(v -> violate(Invariant.LEDGER, v));
        ledger.halfMoves().forEach(v -> violate(Invariant.WHOLE_MOVES, v));
    }

    private void answers(Phase phase, List<Outcome> outcomes, List<Faults.Window> faults) {
        Map<String, Map<Integer, Integer>> byFunction = new LinkedHashMap<>();
        Endpoint.all().forEach(e -> byFunction.put(e.functionName(), new TreeMap<>()));
        for (Outcome outcome : outcomes) {
            byFunction.get(outcome.function()).merge(outcome.status(), 1, Integer::sum);
            Answer answer = outcome.answer();
            if (answer.ok() || answer.status() == 429) {
                continue;
            }
            String what = phase.name() + " " + outcome.function() + " at " + seconds(outcome.sentMs()) + " s";
            if (answer.status() != 503 || !positive(answer.retryAfter())) {
                violate(
                        answer.status() >= 500 && answer.status() != 503 ? Invariant.NO_500 : Invariant.ONLY_503_OR_429,
                        what + " answered " + answer.status() + " (Retry-After " + answer.retryAfter() + "): "
                                + answer.why());
                continue;
            }
            failureReasons.merge(
                    answer.failure() != null
                            ? answer.failure().getMessage()
                            : outcome.function() + " answered 503 by itself",
                    1,
                    Integer::sum);
            if (faults.stream().noneMatch(w -> explains(w, phase, outcome))) {
                violate(Invariant.EXPLAINED, what + " answered 503 with no fault to explain it: " + answer.why());
            }
        }
        statuses.put(phase.name(), byFunction);
    }

    private static boolean positive(String retryAfter) {
        try {
            return retryAfter != null && Integer.parseInt(retryAfter) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether this fault could have failed this request (see the class comment). */
    static boolean explains(Faults.Window window, Phase phase, Outcome outcome) {
        boolean mayFail = switch (window.kind()) {
            case RESERVE_TAKEN, ENVIRONMENTS_FROZEN, APP_OVERRUN -> false;
            case ROWS_LOCKED -> outcome.call().endpoint().writes();
            default -> true;
        };
        FunctionBudget budget = phase.stage().function(outcome.function());
        long longest = (budget.timeoutChainSeconds() + 1) * 1000L;
        return mayFail
                && outcome.sentMs() >= window.startMs() - longest
                && outcome.sentMs() <= window.endMs() + SETTLE_MS;
    }

    /**
     * The one fault a failed request is put down to, among those that explain it: the latest that had
     * begun when it was sent, else the first to begin while it was in flight.
     */
    static Optional<Faults.Window> cause(Phase phase, List<Faults.Window> faults, Outcome outcome) {
        List<Faults.Window> explaining =
                faults.stream().filter(w -> explains(w, phase, outcome)).toList();
        Optional<Faults.Window> begun = explaining.stream()
                .filter(w -> w.startMs() <= outcome.sentMs())
                .max(Comparator.comparingLong(Faults.Window::startMs));
        return begun.isPresent() ? begun : explaining.stream().min(Comparator.comparingLong(Faults.Window::startMs));
    }

    private Recovery recovery(Phase phase, Faults.Window window, List<Faults.Window> faults, List<Outcome> outcomes) {
        Map<String, Integer> failures = new LinkedHashMap<>();
        for (Outcome outcome : outcomes) {
            if (!outcome.answer().ok()
                    && outcome.status() != 429
                    && cause(phase, faults, outcome).equals(Optional.of(window))) {
                failures.merge(outcome.function(), 1, Integer::sum);
            }
        }
        Map<String, Long> recovered = new LinkedHashMap<>();
        for (String function : failures.keySet()) {
            Optional<Outcome> first = outcomes.stream()
                    .filter(o -> o.function().equals(function) && o.answer().ok() && o.answeredMs() >= window.endMs())
                    .findFirst();
            if (first.isPresent()) {
                recovered.put(function, first.get().answeredMs() - window.endMs());
            } else if (phase.endMs() - window.endMs() < JUDGED_AFTER_MS) {
                unjudged.add(phase.name() + " " + function + " after " + window.kind().label + " at "
                        + seconds(window.startMs()) + " s: the phase ended " + seconds(phase.endMs() - window.endMs())
                        + " s after it");
            } else {
                violate(
                        Invariant.RECOVERS,
                        phase.name() + " " + function + " never answered 200 again after " + window.kind().label
                                + " at " + seconds(window.startMs()) + " s");
            }
        }
        return new Recovery(window, failures, recovered);
    }

    private void connections(Phase phase, List<ConnectionSampler.Sample> samples) {
        Map<String, Integer> limits = phase.roleLimits();
        Map<String, int[]> roles = new LinkedHashMap<>();
        limits.forEach((role, limit) -> roles.put(role, new int[] {0, limit}));
        int peak = 0;
        long peakAt = phase.startMs();
        long down = 0;
        for (ConnectionSampler.Sample sample : samples) {
            if (sample.down()) {
                down++;
                continue;
            }
            if (sample.functions() > peak) {
                peak = sample.functions();
                peakAt = sample.ms();
            }
            if (sample.functions() > phase.connectionBudget()) {
                violate(
                        Invariant.CONNECTIONS,
                        phase.name() + " at " + seconds(sample.ms()) + " s: the functions held " + sample.functions()
                                + " connections, above the budget of " + phase.connectionBudget());
            }
            sample.byRole().forEach((role, count) -> {
                int[] peakAndLimit = roles.computeIfAbsent(role, r -> new int[] {0, 0});
                peakAndLimit[0] = Math.max(peakAndLimit[0], count);
                if (count > peakAndLimit[1]) {
                    violate(
                            Invariant.CONNECTIONS,
                            phase.name() + " at " + seconds(sample.ms()) + " s: " + role + " held " + count
                                    + " connections, above its CONNECTION LIMIT " + peakAndLimit[1]);
                }
            });
        }
        if (samples.size() - down < 10) {
            violate(Invariant.CONNECTIONS, phase.name() + ": only " + (samples.size() - down) + " connection samples");
        }
        peaks.add(new Peak(phase.name(), phase.connectionBudget(), peak, peakAt, roles, samples.size(), down));
    }

    /** Every connection past the app's share refused with its role's error; never more than the share held. */
    private void bulkhead(AppOverrun.Result overrun) {
        String what = overrun.phase() + " at " + seconds(overrun.startMs()) + " s: the rest of the app";
        if (overrun.refusedByRole() == 0) {
            violate(Invariant.BULKHEAD, what + " was never refused: the overrun did not reach past its share");
        }
        if (!overrun.otherFailures().isEmpty()) {
            violate(
                    Invariant.BULKHEAD,
                    what + " failed otherwise than with its role's error: " + overrun.otherFailures());
        }
        if (overrun.peakHeld() > overrun.share()) {
            violate(
                    Invariant.BULKHEAD,
                    what + " held " + overrun.peakHeld() + " connections, above its share " + overrun.share());
        }
    }

    List<AppOverrun.Result> overruns() {
        return overruns;
    }

    private void violate(Invariant invariant, String what) {
        violations.add(new Violation(invariant, what));
    }

    /** How many things broke this invariant. */
    long broken(Invariant invariant) {
        return violations.stream().filter(v -> v.invariant() == invariant).count();
    }

    static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0);
    }

    boolean holds() {
        return violations.isEmpty();
    }

    List<Violation> violations() {
        return violations;
    }

    Map<String, Map<String, Map<Integer, Integer>>> statuses() {
        return statuses;
    }

    Map<String, Integer> failureReasons() {
        return failureReasons;
    }

    List<Recovery> recoveries() {
        return recoveries;
    }

    List<Peak> peaks() {
        return peaks;
    }

    /** Recoveries a short run left no time to see. */
    List<String> unjudged() {
        return unjudged;
    }

    Ledger.Verdict ledger() {
        return ledger;
    }

    /** Statuses seen in any phase, in order, for the report's columns. */
    Set<Integer> statusesSeen() {
        Set<Integer> seen = new java.util.TreeSet<>();
        statuses.values().forEach(byFunction -> byFunction.values().forEach(m -> seen.addAll(m.keySet())));
        return seen;
    }
}
