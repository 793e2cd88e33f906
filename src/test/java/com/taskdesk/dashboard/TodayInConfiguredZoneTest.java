package com.taskdesk.dashboard;

import static org.hamcrest.Matchers.equalTo;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Today" in America/New_York: the window starts at local midnight, wherever UTC's is,
 * and is 23 or 25 hours long on the days the clocks change. The database session runs
 * in Pacific/Auckland, so nothing here may depend on the session's zone.
 */
@QuarkusTest
@TestProfile(TodayInConfiguredZoneTest.NewYork.class)
public class TodayInConfiguredZoneTest {

    public static class NewYork implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("taskdesk.today.time-zone", "America/New_York", "taskdesk.metrics.cache-seconds", "0");
        }
    }

    @Inject
    TestClock clock;

    @BeforeEach
    void oneAgent() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset().user("a-ann", "Ann", "AGENT", LocalDateTime.of(2025, 1, 2, 0, 0));
        }
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static void completedAt(String id, String utc) {
        try (Fixtures db = Fixtures.connect()) {
            db.task(id)
                    .status("COMPLETED")
                    .assignedTo("a-ann")
                    .endTime(LocalDateTime.parse(utc))
                    .insert();
        }
    }

    private static void expectCompletedToday(int count) {
        Api.asManager()
                .get("/api/manager/dashboard/agent-progress")
                .then()
                .statusCode(200)
                .body("agentProgress[0].completedToday", equalTo(count));
        Api.asManager()
                .get("/api/manager/dashboard/metrics")
                .then()
                .statusCode(200)
                .body("metrics.completedToday", equalTo(count));
    }

    @Test
    void countsFromLocalMidnightNotUtcMidnight() {
        clock.set(Instant.parse("2026-11-26T15:00:00Z")); // 10:00 in New York (UTC-5)
        completedAt("before-local-midnight", "2026-11-26T04:59:59.999"); // 23:59:59.999 on the 25th, New York
        completedAt("at-local-midnight", "2026-11-26T05:00:00"); // 00:00 on the 26th
        completedAt("last-local-second", "2026-11-27T04:59:59"); // 23:59:59 on the 26th
        completedAt("after-next-midnight", "2026-11-27T05:00:00"); // 00:00 on the 27th
        expectCompletedToday(2);
    }

    @Test
    void sentBackAndCompletedByTasksCountInTheSameLocalDay() {
        clock.set(Instant.parse("2026-11-26T15:00:00Z")); // 10:00 in New York (UTC-5)
        try (Fixtures db = Fixtures.connect()) {
            db.task("completed-by-before")
                    .status("COMPLETED")
                    .completedBy("a-ann")
                    .endTime(LocalDateTime.parse("2026-11-26T04:59:59.999"))
                    .insert()
                    .task("completed-by-at-midnight")
                    .status("COMPLETED")
                    .completedBy("a-ann")
                    .endTime(LocalDateTime.parse("2026-11-26T05:00:00"))
                    .insert()
                    .task("sent-back-last-second")
                    .status("PENDING")
                    .sentBackBy("a-ann")
                    .endTime(LocalDateTime.parse("2026-11-27T04:59:59"))
                    .insert()
                    .task("sent-back-next-day")
                    .status("PENDING")
                    .sentBackBy("a-ann")
                    .endTime(LocalDateTime.parse("2026-11-27T05:00:00"))
                    .insert();
        }
        expectCompletedToday(2);
    }

    @Test
    void springForwardDayIsTwentyThreeHoursLong() {
        clock.set(Instant.parse("2026-03-08T16:00:00Z")); // 12:00 EDT, the day clocks go forward
        completedAt("first-minute", "2026-03-08T05:00:00"); // 00:00 EST
        completedAt("late-evening", "2026-03-09T03:30:00"); // 23:30 EDT on the 8th
        completedAt("next-day", "2026-03-09T04:30:00"); // 00:30 EDT on the 9th: a 24 h window would take it
        expectCompletedToday(2);
    }

    @Test
    void fallBackDayIsTwentyFiveHoursLong() {
        clock.set(Instant.parse("2026-11-01T16:00:00Z")); // 11:00 EST, the day clocks go back
        completedAt("first-minute", "2026-11-01T04:00:00"); // 00:00 EDT
        completedAt("late-evening", "2026-11-02T04:30:00"); // 23:30 EST on the 1st: a 24 h window would miss it
        completedAt("next-day", "2026-11-02T05:00:00"); // 00:00 EST on the 2nd
        expectCompletedToday(2);
    }
}
