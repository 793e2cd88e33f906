package com.taskdesk.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The EMF reader the telemetry tests rely on accepts what CloudWatch accepts and names what it would not. */
class EmbeddedMetricFormatTest {

    private static final String DIRECTIVE = "\"_aws\":{\"Timestamp\":1795959826310,\"CloudWatchMetrics\":[{"
            + "\"Namespace\":\"TaskDesk/ManagerFunctions\",\"Dimensions\":[[\"Stage\",\"Function\"]],"
            + "\"Metrics\":[{\"Name\":\"Statements\",\"Unit\":\"Count\"}]}]}";

    @Test
    void aLineWithItsDimensionsAndNumericMetricsAtTheRootIsValid() {
        String line = "{" + DIRECTIVE + ",\"Stage\":\"prod\",\"Function\":\"agents\",\"Statements\":1.0}";
        assertTrue(EmbeddedMetricFormat.isEmf(line));
        assertEquals(List.of(), EmbeddedMetricFormat.violations(line));
    }

    @Test
    void metricValuesWrittenAsStringsAreRejected() {
        // what a metric would look like as a field of a JSON log record
        String line = "{" + DIRECTIVE + ",\"Stage\":\"prod\",\"Function\":\"agents\",\"Statements\":\"1\"}";
        assertEquals(
                1,
                EmbeddedMetricFormat.violations(line).size(),
                EmbeddedMetricFormat.violations(line).toString());
    }

    @Test
    void aDimensionMissingFromTheRootIsRejected() {
        String line = "{" + DIRECTIVE + ",\"Stage\":\"prod\",\"Statements\":1}";
        assertEquals(
                List.of("dimension \"Function\" is not a string member of the root"),
                EmbeddedMetricFormat.violations(line));
    }

    @Test
    void anUnknownUnitAndAMissingTimestampAreRejected() {
        String line =
                "{" + DIRECTIVE.replace("\"Timestamp\":1795959826310,", "").replace("Count", "Requests")
                        + ",\"Stage\":\"prod\",\"Function\":\"agents\",\"Statements\":1}";
        assertEquals(
                2,
                EmbeddedMetricFormat.violations(line).size(),
                EmbeddedMetricFormat.violations(line).toString());
    }

    @Test
    void aLogRecordNestingTheMetricsIsNotEmf() {
        String line = "{\"message\":\"request\",\"mdc\":{" + DIRECTIVE + "}}";
        assertFalse(EmbeddedMetricFormat.isEmf(line));
        assertEquals(List.of("no _aws object at the root"), EmbeddedMetricFormat.violations(line));
    }
}
