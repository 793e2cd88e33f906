package com.taskdesk.http;

import com.taskdesk.config.DeskConfig;
import com.taskdesk.config.InvalidSettingException;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The most rows one list of an answer may carry (taskdesk.results.max-rows; contract revision 3,
 * decision 1). A longer list is still a 200, with its first rows in the contract's order, the
 * header {@value #TRUNCATED} and a warning in the log; the body's shape does not change.
 */
@Singleton
public class ResultCap {

    public static final String TRUNCATED = "X-Result-Truncated";

    private static final Logger LOG = Logger.getLogger(ResultCap.class);

    private final int maxRows;

    ResultCap(DeskConfig config) {
        this.maxRows = config.results().maxRows();
        if (maxRows < 1) {
            throw new InvalidSettingException("TASKDESK_RESULTS_MAX_ROWS must be at least 1, not " + maxRows);
        }
    }

    public int maxRows() {
        return maxRows;
    }

    /** What a statement's LIMIT binds: one row past the cap tells a cut list from a whole one. */
    public int limit() {
        return maxRows + 1;
    }

    /** 200 with the answer {@code body} makes of at most {@link #maxRows} of {@code rows}, marked when cut. */
    public <T> Response ok(List<T> rows, Function<List<T>, ?> body) {
        if (rows.size() <= maxRows) {
            return Response.ok(body.apply(rows)).build();
        }
        LOG.warnf(
                "The answer's list was cut to its first %d rows: more matched (raise taskdesk.results.max-rows,"
                        + " TASKDESK_RESULTS_MAX_ROWS, if that is their normal number)",
                maxRows);
        return Response.ok(body.apply(rows.subList(0, maxRows)))
                .header(TRUNCATED, "true")
                .build();
    }
}
