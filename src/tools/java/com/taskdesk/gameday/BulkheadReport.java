package com.taskdesk.gameday;

import com.taskdesk.budget.config.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * docs/gameday.md's bulkhead section: what the rest of the app's overrun asked for and what
 * PostgreSQL refused, and the functions' answers while it ran (by when each request was sent).
 */
final class BulkheadReport {

    private BulkheadReport() {}

    /** The verdict table's row. */
    static String verdictRow(Verdict verdict, List<Outcome> outcomes) {
        if (verdict.overruns().isEmpty()) {
            return "";
        }
        StringBuilder result = new StringBuilder(verdict.broken(Verdict.Invariant.BULKHEAD) == 0 ? "held" : "broken");
        for (AppOverrun.Result overrun : verdict.overruns()) {
            List<Outcome> during = during(overrun, outcomes);
            result.append(String.format(
                    Locale.ROOT,
                    ": %s, %,d of %,d attempts refused with the role's error, the role at most %d of %d; the"
                            + " functions meanwhile: %,d requests, %,d 503, %,d 500",
                    overrun.phase(),
                    overrun.refusedByRole(),
                    overrun.attempts(),
                    overrun.peakHeld(),
                    overrun.share(),
                    during.size(),
                    count(during, 503),
                    count(during, 500)));
        }
        return "| " + Verdict.Invariant.BULKHEAD.label + " | " + result + " |\n";
    }

    static String section(Verdict verdict, List<Outcome> outcomes) {
        if (verdict.overruns().isEmpty()) {
            return "No overrun of the app's share in this run (it runs in the half straight to PostgreSQL).";
        }
        StringBuilder out = new StringBuilder();
        for (AppOverrun.Result overrun : verdict.overruns()) {
            out.append(String.format(
                    Locale.ROOT,
                    "**%s, %s to %s s**: the rest of the app, on its role %s (share %d, already holding it), asked"
                            + " for %d connections (%d x its share), a new one every %d ms for %d s: **%,d attempts,"
                            + " %,d refused** by PostgreSQL with the role's error (53300, too many connections for"
                            + " role \"%s\"), %d opened, %d failed otherwise; the role held at most %d connections.%n%n",
                    overrun.phase(),
                    Verdict.seconds(overrun.startMs()),
                    Verdict.seconds(overrun.endMs()),
                    overrun.role(),
                    overrun.share(),
                    overrun.target(),
                    AppOverrun.FACTOR,
                    AppOverrun.EVERY_MS,
                    AppOverrun.LENGTH.toSeconds(),
                    overrun.attempts(),
                    overrun.refusedByRole(),
                    overrun.role(),
                    overrun.opened(),
                    overrun.otherFailures().values().stream()
                            .mapToInt(Integer::intValue)
                            .sum(),
                    overrun.peakHeld()));
            out.append("The functions' requests sent meanwhile:\n\n")
                    .append(
                            "| function | requests | 200 | 429 | 503 | 500 | other | median of the 200s (ms) | p99 (ms) |\n")
                    .append("|---|---|---|---|---|---|---|---|---|\n");
            List<Outcome> during = during(overrun, outcomes);
            for (Endpoint endpoint : Endpoint.all()) {
                row(
                        out,
                        endpoint.functionName(),
                        during.stream()
                                .filter(o -> o.function().equals(endpoint.functionName()))
                                .toList());
            }
            row(out, "all", during);
            out.append('\n');
        }
        return out.toString();
    }

    private static List<Outcome> during(AppOverrun.Result overrun, List<Outcome> outcomes) {
        return outcomes.stream()
                .filter(o -> o.phase().equals(overrun.phase())
                        && o.sentMs() >= overrun.startMs()
                        && o.sentMs() < overrun.endMs())
                .toList();
    }

    private static void row(StringBuilder out, String name, List<Outcome> outcomes) {
        List<Long> answered = new ArrayList<>(outcomes.stream()
                .filter(o -> o.status() == 200)
                .map(o -> o.answeredMs() - o.sentMs())
                .sorted()
                .toList());
        out.append(String.format(
                Locale.ROOT,
                "| %s | %,d | %,d | %,d | %,d | %,d | %,d | %s | %s |%n",
                name,
                outcomes.size(),
                count(outcomes, 200),
                count(outcomes, 429),
                count(outcomes, 503),
                count(outcomes, 500),
                outcomes.stream()
                        .filter(o -> !List.of(200, 429, 503, 500).contains(o.status()))
                        .count(),
                percentile(answered, 0.5),
                percentile(answered, 0.99)));
    }

    private static long count(List<Outcome> outcomes, int status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    private static String percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? "-" : Long.toString(sorted.get((int) Math.min(sorted.size() - 1, p * sorted.size())));
    }
}
