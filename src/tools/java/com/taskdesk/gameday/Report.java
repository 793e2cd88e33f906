package com.taskdesk.gameday;

import com.taskdesk.reporting.Charts;
import com.taskdesk.reporting.Machine;
import com.taskdesk.reporting.ReportFile;
import java.awt.Color;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * docs/gameday.md's generated sections (between its {@code <!-- bench:gameday-* -->} markers) and
 * its plot: the run, the verdict, requests by status per function, connections against the budget,
 * each fault with its recovery, and the ledger's verdict. A run that is not the full one writes
 * target/gameday/ instead.
 */
final class Report {

    private static final Path DOC = Path.of("docs", "gameday.md");
    private static final String PLOT = "gameday.png";
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 380;
    private static final Map<Faults.Kind, Color> FAULT_COLORS = new EnumMap<>(Map.of(
            Faults.Kind.POSTGRES_RESTART, new Color(0xC0392B),
            Faults.Kind.BACKENDS_TERMINATED, new Color(0x8E44AD),
            Faults.Kind.NETWORK_STALL, new Color(0xE67E22),
            Faults.Kind.PGBOUNCER_RESTART, new Color(0x16A085),
            Faults.Kind.RESERVE_TAKEN, new Color(0x7F8C8D),
            Faults.Kind.ROWS_LOCKED, new Color(0xD4AC0D),
            Faults.Kind.ENVIRONMENTS_FROZEN, new Color(0x2E86C1),
            Faults.Kind.APP_OVERRUN, new Color(0x6E2C00)));

    private final GameDay.Options options;
    private final List<Phase> phases;
    private final List<Outcome> outcomes;
    private final List<ConnectionSampler.Sample> samples;
    private final List<Faults.Window> faults;
    private final Verdict verdict;
    private final double loadAtEnd =
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    Report(
            GameDay.Options options,
            List<Phase> phases,
            List<Outcome> outcomes,
            List<ConnectionSampler.Sample> samples,
            List<Faults.Window> faults,
            Verdict verdict) {
        this.options = options;
        this.phases = phases;
        this.outcomes = outcomes;
        this.samples = samples;
        this.faults = faults;
        this.verdict = verdict;
    }

    Verdict verdict() {
        return verdict;
    }

    Path directory() {
        return options.full()
                ? DOC.getParent()
                : Path.of("target", "gameday", options.broken().isEmpty() ? "run" : options.broken());
    }

    void write() throws IOException {
        Path out = directory();
        Files.createDirectories(out);
        plot(out.resolve(PLOT));
        Map<String, String> sections = new LinkedHashMap<>();
        sections.put("gameday-run", run());
        sections.put("gameday-verdict", verdictSection());
        sections.put("gameday-requests", requests());
        sections.put("gameday-connections", connections());
        sections.put("gameday-faults", faultTable());
        sections.put("gameday-bulkhead", BulkheadReport.section(verdict, outcomes));
        sections.put("gameday-recovery", recoverySummary());
        sections.put("gameday-ledger", ledger());
        sections.put("gameday-reasons", reasons());
        ReportFile.write(DOC, out.resolve("gameday.md"), sections);
    }

    /** What the console shows at the end. */
    String summary() {
        StringBuilder out = new StringBuilder("\n" + verdictSection() + "\n\n" + recoverySummary() + "\n");
        out.append("\nReport: ").append(directory().resolve("gameday.md")).append('\n');
        return out.toString();
    }

    private String run() {
        StringBuilder out = new StringBuilder();
        out.append("```sh\n").append(options.command()).append("\n```\n\n");
        out.append(String.format(
                Locale.ROOT,
                "%s: %s minutes, %d dashboard managers, %d agent portals, %,d requests, %d faults%s. %s; load average %.2f at the end"
                        + " (the machine is shared with other builds: recovery times are noisy).%n%n",
                LocalDate.now(ZoneOffset.UTC),
                options.minutes(),
                options.managers(),
                options.agents(),
                outcomes.size(),
                faults.size(),
                options.broken().isEmpty() ? "" : ", **broken variant " + options.broken() + "**",
                machine(),
                loadAtEnd));
        for (Phase phase : phases) {
            out.append(String.format(
                    Locale.ROOT,
                    "- **%s** (%s to %s s): %s, budget %s; version 2 deployed at %s s%n",
                    phase.name(),
                    Verdict.seconds(phase.startMs()),
                    Verdict.seconds(phase.endMs()),
                    phase.pooled() ? "behind " + phase.stage().database().pooler() : "straight to PostgreSQL",
                    phase.budget().budgetDescription(),
                    Verdict.seconds(phase.deployedAtMs())));
        }
        return out.toString();
    }

    private String verdictSection() {
        StringBuilder out = new StringBuilder();
        long failed = outcomes.stream()
                .filter(o -> !o.answer().ok() && o.status() != 429)
                .count();
        long throttled = outcomes.stream().filter(o -> o.status() == 429).count();
        long fiveHundreds = outcomes.stream()
                .filter(o -> o.status() >= 500 && o.status() != 503)
                .count();
        out.append(
                verdict.holds()
                        ? "**Every invariant held.**\n\n"
                        : "**Invariants broken: " + verdict.violations().size() + ".**\n\n");
        out.append("| invariant | result |\n|---|---|\n");
        out.append(String.format(
                Locale.ROOT,
                "| no 500 at any time | %s |%n",
                fiveHundreds == 0
                        ? "held: none of " + String.format(Locale.ROOT, "%,d", outcomes.size())
                        : fiveHundreds + " answers of 5xx but 503"));
        out.append(String.format(
                Locale.ROOT,
                "| every non-200 is a 503 with Retry-After or a 429 | %s: %,d 503, %,d 429 |%n",
                verdict.broken(Verdict.Invariant.ONLY_503_OR_429) == 0 ? "held" : "broken",
                failed,
                throttled));
        out.append(String.format(
                Locale.ROOT,
                "| no 503 but one a fault explains | %s |%n",
                verdict.broken(Verdict.Invariant.EXPLAINED) == 0
                        ? "held"
                        : "broken: " + verdict.broken(Verdict.Invariant.EXPLAINED) + " unexplained"));
        for (Verdict.Peak peak : verdict.peaks()) {
            int overRole = peak.roles().values().stream()
                    .mapToInt(p -> p[0] > p[1] ? 1 : 0)
                    .sum();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s: connections by role never above CONNECTION LIMIT, total never above the budget (%,d samples every 100 ms) | %s: peak %d of %d; %s |%n",
                    peak.phase(),
                    peak.samples() - peak.down(),
                    peak.functions() <= peak.budget() && overRole == 0 ? "held" : "broken",
                    peak.functions(),
                    peak.budget(),
                    overRole == 0 ? "every role within its limit" : overRole + " role(s) above"));
        }
        out.append(String.format(
                Locale.ROOT,
                "| every function a fault failed answers 200 again | %s |%n",
                (verdict.broken(Verdict.Invariant.RECOVERS) == 0 ? "held" : "broken")
                        + (verdict.unjudged().isEmpty()
                                ? ""
                                : "; not judged, the run ending too soon after: "
                                        + String.join("; ", verdict.unjudged()))));
        out.append(BulkheadReport.verdictRow(verdict, outcomes));
        Ledger.Verdict ledger = verdict.ledger();
        out.append(String.format(
                Locale.ROOT,
                "| every acknowledged write in the database exactly once, with its history | %s: %,d writes, %,d history rows |%n",
                ledgerHolds() ? "held" : "broken",
                ledger.acknowledged().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum(),
                ledger.historyRowsOfAcknowledged()));
        out.append(String.format(
                Locale.ROOT,
                "| no moment shows a move half done (the spam desk looked at every %d ms, %,d times) | %s |%n",
                DeskWatch.EVERY_MS,
                ledger.deskLooks(),
                ledger.halfMoves().isEmpty()
                        ? "held"
                        : "broken: " + ledger.halfMoves().size() + " moments"));
        out.append(String.format(
                Locale.ROOT,
                "| no task deleted | %s: %,d before, %,d after |%n",
                ledger.tasksBefore() == ledger.tasksAfter() ? "held" : "broken",
                ledger.tasksBefore(),
                ledger.tasksAfter()));
        out.append(String.format(
                Locale.ROOT,
                "| no raw message READY while a task references it | %s |%n",
                ledger.readyWithTask() == 0 ? "held" : "broken: " + ledger.readyWithTask()));
        for (Verdict.Invariant invariant : Verdict.Invariant.values()) {
            List<Verdict.Violation> broken = verdict.violations().stream()
                    .filter(v -> v.invariant() == invariant)
                    .toList();
            if (!broken.isEmpty()) {
                out.append("\n")
                        .append(invariant.label)
                        .append(": ")
                        .append(broken.size())
                        .append(" (the first 10)\n\n");
                broken.stream()
                        .limit(10)
                        .forEach(v -> out.append("- ").append(v).append('\n'));
            }
        }
        return out.toString();
    }

    private boolean ledgerHolds() {
        return verdict.broken(Verdict.Invariant.LEDGER) == 0;
    }

    private String requests() {
        Set<Integer> columns = verdict.statusesSeen();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Map<String, Map<Integer, Integer>>> phase :
                verdict.statuses().entrySet()) {
            out.append("**").append(phase.getKey()).append("**\n\n| function |");
            columns.forEach(status -> out.append(' ').append(status).append(" |"));
            out.append("\n|---|");
            columns.forEach(status -> out.append("---|"));
            out.append('\n');
            phase.getValue().forEach((function, counts) -> {
                out.append("| ").append(function).append(" |");
                columns.forEach(
                        status -> out.append(String.format(Locale.ROOT, " %,d |", counts.getOrDefault(status, 0))));
                out.append('\n');
            });
            out.append('\n');
        }
        return out.toString();
    }

    private String connections() {
        StringBuilder out = new StringBuilder();
        out.append("![The functions' connections at the server and the answers per second, with the faults](")
                .append(PLOT)
                .append(")\n\n");
        for (Verdict.Peak peak : verdict.peaks()) {
            out.append(String.format(
                    Locale.ROOT,
                    "**%s**: the functions' connections peaked at %d of the budget's %d (at %s s); %d of %,d samples"
                            + " found the server down.%n%n",
                    peak.phase(),
                    peak.functions(),
                    peak.budget(),
                    Verdict.seconds(peak.atMs()),
                    peak.down(),
                    peak.samples()));
            out.append("| role | peak | CONNECTION LIMIT |\n|---|---|---|\n");
            peak.roles()
                    .forEach((role, peakAndLimit) -> out.append(
                            String.format(Locale.ROOT, "| %s | %d | %d |%n", role, peakAndLimit[0], peakAndLimit[1])));
            out.append('\n');
        }
        return out.toString();
    }

    private String faultTable() {
        StringBuilder out = new StringBuilder(
                "| phase | at (s) | fault | lasted (s) | requests it failed | back to 200 after (ms) | what happened |\n"
                        + "|---|---|---|---|---|---|---|\n");
        for (Verdict.Recovery recovery : verdict.recoveries()) {
            Faults.Window window = recovery.window();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s |%n",
                    window.phase(),
                    Verdict.seconds(window.startMs()),
                    window.kind().label,
                    Verdict.seconds(window.endMs() - window.startMs()),
                    recovery.failures().isEmpty()
                            ? "none"
                            : recovery.failures().entrySet().stream()
                                    .map(e -> e.getKey() + " " + e.getValue())
                                    .collect(Collectors.joining(", ")),
                    recovery.slowest()
                            .map(ms -> String.format(Locale.ROOT, "%,d", ms) + slowestFunction(recovery))
                            .orElse("-"),
                    window.detail()));
        }
        return out.toString();
    }

    private static String slowestFunction(Verdict.Recovery recovery) {
        return recovery.recoveryMs().size() < 2
                ? ""
                : " ("
                        + recovery.recoveryMs().entrySet().stream()
                                .max(Map.Entry.comparingByValue())
                                .orElseThrow()
                                .getKey()
                        + ")";
    }

    private String recoverySummary() {
        Map<Faults.Kind, List<Verdict.Recovery>> byKind = new EnumMap<>(Faults.Kind.class);
        verdict.recoveries()
                .forEach(r -> byKind.computeIfAbsent(r.window().kind(), k -> new ArrayList<>())
                        .add(r));
        StringBuilder out = new StringBuilder(
                "| fault | times | requests failed | back to 200 after, median / slowest (ms) |\n|---|---|---|---|\n");
        byKind.forEach((kind, recoveries) -> {
            List<Long> times = recoveries.stream()
                    .flatMap(r -> r.slowest().stream())
                    .sorted()
                    .toList();
            int failed = recoveries.stream()
                    .mapToInt(r -> r.failures().values().stream()
                            .mapToInt(Integer::intValue)
                            .sum())
                    .sum();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %,d | %s |%n",
                    kind.label,
                    recoveries.size(),
                    failed,
                    times.isEmpty()
                            ? "nothing failed"
                            : String.format(
                                    Locale.ROOT,
                                    "%,d / %,d%s",
                                    times.get(times.size() / 2),
                                    times.get(times.size() - 1),
                                    times.size() < recoveries.size()
                                            ? " (" + (recoveries.size() - times.size()) + " failed nothing)"
                                            : "")));
        });
        return out.toString();
    }

    private String ledger() {
        Ledger.Verdict ledger = verdict.ledger();
        StringBuilder out = new StringBuilder();
        out.append(ledgerHolds() ? "**The ledger balances.**\n\n" : "**The ledger does not balance.**\n\n");
        out.append("| function | acknowledged writes | tasks they say they moved |\n|---|---|---|\n");
        ledger.acknowledged()
                .forEach((function, n) -> out.append(String.format(
                        Locale.ROOT,
                        "| %s | %,d | %,d |%n",
                        function,
                        n,
                        ledger.tasksClaimed().getOrDefault(function, 0L))));
        out.append(String.format(
                Locale.ROOT,
                "%nHistory rows naming an acknowledged write's manager: %,d, exactly what those writes said they"
                        + " moved%s. Writes answered 503 that had committed all the same (the answer was lost, not"
                        + " the write; a retry is harmless, the writes being idempotent): %,d. Tasks of the spam desk"
                        + " checked against their history: %d; raw messages checked against their tasks: %d. Tasks"
                        + " before and after: %,d and %,d. Raw messages READY with a task: %d. The desk, looked at"
                        + " every %d ms in one snapshot (%,d times): %s.%n",
                ledger.historyRowsOfAcknowledged(),
                ledger.holds() ? "" : " where they matched",
                ledger.committedThoughNotAcknowledged(),
                ledger.tasksChecked(),
                ledger.rawsChecked(),
                ledger.tasksBefore(),
                ledger.tasksAfter(),
                ledger.readyWithTask(),
                DeskWatch.EVERY_MS,
                ledger.deskLooks(),
                ledger.halfMoves().isEmpty()
                        ? "never a move half done"
                        : ledger.halfMoves().size() + " times a move half done"));
        if (!ledger.holds()) {
            out.append("\nWhat the ledger found (the first 20):\n\n");
            ledger.violations().stream()
                    .limit(20)
                    .forEach(v -> out.append("- ").append(v).append('\n'));
        }
        return out.toString();
    }

    private String reasons() {
        StringBuilder out = new StringBuilder("| the 503's reason (the function's own words) | answers |\n|---|---|\n");
        Map<String, Integer> sorted = new TreeMap<>(verdict.failureReasons());
        sorted.forEach((reason, n) -> out.append(String.format(Locale.ROOT, "| %s | %,d |%n", reason, n)));
        return out.toString();
    }

    private static String machine() {
        try {
            String cpu = Machine.cpuModel();
            return String.format(
                    Locale.ROOT,
                    "%s, %d cores; %s %s",
                    cpu,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"),
                    System.getProperty("java.version"));
        } catch (IOException e) {
            return "unknown machine";
        }
    }

    private void plot(Path png) throws IOException {
        double end = phases.isEmpty() ? 1 : phases.get(phases.size() - 1).endMs() / 1000.0;
        XYChart connections = chart("The functions' connections at the server, sampled every 100 ms", "connections");
        List<ConnectionSampler.Sample> up =
                samples.stream().filter(s -> !s.down()).toList();
        double[] x = up.stream().mapToDouble(s -> s.ms() / 1000.0).toArray();
        line(
                connections.addSeries(
                        "functions",
                        x,
                        up.stream()
                                .mapToDouble(ConnectionSampler.Sample::functions)
                                .toArray()),
                new Color(0x1F4E79));
        line(
                connections.addSeries(
                        "other clients",
                        x,
                        up.stream()
                                .mapToDouble(ConnectionSampler.Sample::others)
                                .toArray()),
                new Color(0x999999));
        List<Double> budgetX = new ArrayList<>();
        List<Double> budgetY = new ArrayList<>();
        for (Phase phase : phases) {
            budgetX.add(phase.startMs() / 1000.0);
            budgetY.add((double) phase.connectionBudget());
            budgetX.add(phase.endMs() / 1000.0);
            budgetY.add((double) phase.connectionBudget());
        }
        XYSeries budget = connections.addSeries("budget", budgetX, budgetY);
        line(budget, new Color(0xC0392B));
        budget.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        bands(
                connections,
                end,
                1.1
                        * Math.max(
                                budgetY.stream()
                                        .mapToDouble(Double::doubleValue)
                                        .max()
                                        .orElse(1),
                                up.stream()
                                        .mapToInt(s -> Math.max(s.functions(), s.others()))
                                        .max()
                                        .orElse(1)));

        XYChart answers = chart("Answers per second", "answers / s");
        Map<String, double[]> perSecond = new LinkedHashMap<>();
        int seconds = (int) Math.ceil(end) + 1;
        for (String status : List.of("200", "429", "503", "other")) {
            perSecond.put(status, new double[seconds]);
        }
        for (Outcome outcome : outcomes) {
            int second = (int) (outcome.answeredMs() / 1000);
            String status = switch (outcome.status()) {
                case 200, 429, 503 -> Integer.toString(outcome.status());
                default -> "other";
            };
            if (second < seconds) {
                perSecond.get(status)[second]++;
            }
        }
        double[] secondsX = new double[seconds];
        for (int i = 0; i < seconds; i++) {
            secondsX[i] = i;
        }
        Color[] colors = {new Color(0x1E8449), new Color(0xE67E22), new Color(0xC0392B), Color.BLACK};
        int c = 0;
        double top = 1;
        for (Map.Entry<String, double[]> status : perSecond.entrySet()) {
            for (double v : status.getValue()) {
                top = Math.max(top, v);
            }
            line(answers.addSeries(status.getKey(), secondsX, status.getValue()), colors[c++]);
        }
        bands(answers, end, top * 1.1);

        Charts.writeStacked(List.of(connections, answers), png);
    }

    /** Each kind of fault as shaded bands, from when it began to when it was lifted (at least half a second wide). */
    private void bands(XYChart chart, double end, double height) {
        for (Faults.Kind kind : Faults.Kind.values()) {
            List<Faults.Window> ofKind =
                    faults.stream().filter(w -> w.kind() == kind).toList();
            if (ofKind.isEmpty()) {
                continue;
            }
            List<Double> x = new ArrayList<>(List.of(0.0));
            List<Double> y = new ArrayList<>(List.of(0.0));
            for (Faults.Window window : ofKind) {
                double from = Math.max(x.get(x.size() - 1), window.startMs() / 1000.0);
                x.add(from);
                y.add(height);
                x.add(Math.max(window.endMs() / 1000.0, from + 0.5));
                y.add(0.0);
            }
            x.add(Math.max(end, x.get(x.size() - 1)));
            y.add(0.0);
            Color color = FAULT_COLORS.get(kind);
            XYSeries band = chart.addSeries(kind.label, x, y);
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
            band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 70));
            band.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 140));
            band.setMarker(SeriesMarkers.NONE);
        }
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart =
                Charts.chart(WIDTH, HEIGHT, title, "seconds since the start", yTitle, Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisMin(0.0);
        return chart;
    }

    private static void line(XYSeries series, Color color) {
        Charts.line(series, color, 1.2f, SeriesMarkers.NONE);
    }
}
