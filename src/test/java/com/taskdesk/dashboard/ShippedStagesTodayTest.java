package com.taskdesk.dashboard;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped stages' "today" (config/prod.yaml's todayTimeZone, the same in every stage) is the
 * owning app's reporting day, [08:00Z, next 08:00Z), and agent-progress and metrics count the same
 * one: the app itself counts its metrics in that day and its agent progress in UTC's.
 */
@QuarkusTest
@TestProfile(ShippedStagesTodayTest.Prod.class)
public class ShippedStagesTodayTest {

    public static class Prod implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "taskdesk.today.time-zone",
                    ConfigFiles.load(Path.of(".")).stage("prod").todayTimeZone(),
                    "taskdesk.metrics.cache-seconds",
                    "0");
        }
    }

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void everyShippedStageCountsTheAppsReportingDay() {
        for (StageConfig stage : ConfigFiles.load(Path.of(".")).stages()) {
            assertEquals("Etc/GMT+8", stage.todayTimeZone(), stage.name());
        }
    }

    @Test
    void agentProgressAndMetricsCountTheSameDayFromEightUtc() {
        clock.set(Instant.parse("2026-11-26T03:00:00Z")); // 19:00 on the 25th in the reporting day
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .user("a-ann", "Ann", "AGENT", Fixtures.EPOCH)
                    .task("before-the-day")
                    .status("COMPLETED")
                    .assignedTo("a-ann")
                    .endTime(LocalDateTime.parse("2026-11-25T07:59:59.999"))
                    .insert()
                    .task("first-moment")
                    .status("COMPLETED")
                    .assignedTo("a-ann")
                    .endTime(LocalDateTime.parse("2026-11-25T08:00:00"))
                    .insert()
                    .task("after-utc-midnight")
                    .status("COMPLETED")
                    .completedBy("a-ann")
                    .endTime(LocalDateTime.parse("2026-11-26T02:00:00"))
                    .insert()
                    .task("sent-back-late")
                    .status("PENDING")
                    .sentBackBy("a-ann")
                    .endTime(LocalDateTime.parse("2026-11-26T07:59:59.999"))
                    .insert()
                    .task("next-day")
                    .status("COMPLETED")
                    .assignedTo("a-ann")
                    .endTime(LocalDateTime.parse("2026-11-26T08:00:00"))
                    .insert();
        }
        Api.asManager()
                .get("/api/manager/dashboard/agent-progress")
                .then()
                .statusCode(200)
                .body("agentProgress[0].completedToday", equalTo(3));
        Api.asManager()
                .get("/api/manager/dashboard/metrics")
                .then()
                .statusCode(200)
                .body("metrics.completedToday", equalTo(3));
    }
}
