package com.taskdesk.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** A test whose Debian package is missing is skipped with one line saying how to install it, or fails where required. */
class DebianPackageConditionTest {

    private static final String ABSENT = "taskdesk-absent-package";

    @NeedsDebianPackage(value = ABSENT, requiredBy = "TASKDESK_ABSENT_REQUIREMENT")
    static class NeedsAnAbsentPackage {
        @Test
        void runs() {}
    }

    /** PATH is set everywhere: the package counts as required. */
    @NeedsDebianPackage(value = ABSENT, requiredBy = "PATH")
    static class RequiresAnAbsentPackage {
        @Test
        void runs() {}
    }

    @NeedsDebianPackage(value = "coreutils", program = "ls", requiredBy = "PATH")
    static class NeedsAnInstalledPackage {
        @Test
        void runs() {}
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(testClass))
                .execute()
                .allEvents();
    }

    @Test
    void aTestWhosePackageIsMissingIsSkippedWithOneLineNamingThePackageAndHowToInstallIt() {
        List<String> lines;
        Events events;
        try (CapturedOutput output = new CapturedOutput()) {
            events = run(NeedsAnAbsentPackage.class);
            lines = output.lines();
        }

        assertEquals(1, events.skipped().count());
        assertEquals(
                0, events.started().filter(e -> e.getTestDescriptor().isTest()).count(), "nothing ran");
        assertEquals(
                List.of("SKIPPED DebianPackageConditionTest$NeedsAnAbsentPackage needs " + ABSENT + " (Debian package "
                        + ABSENT
                        + "), which is not installed: apt-get install " + ABSENT
                        + "; TASKDESK_ABSENT_REQUIREMENT=1 makes this a failure"),
                lines);
    }

    @Test
    void whereThePackageIsRequiredAMissingOneFailsTheTest() {
        Events events = run(RequiresAnAbsentPackage.class);

        assertEquals(0, events.skipped().count());
        Throwable failure = events.failed().stream()
                .findFirst()
                .orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .orElseThrow()
                .getThrowable()
                .orElseThrow();
        assertTrue(
                failure.getMessage()
                        .contains("PATH is set but " + ABSENT + " is not installed: apt-get install " + ABSENT),
                failure.getMessage());
    }

    @Test
    void aTestWhosePackageIsInstalledRuns() {
        Events events = run(NeedsAnInstalledPackage.class);

        assertEquals(0, events.skipped().count());
        assertEquals(
                1,
                events.succeeded().filter(e -> e.getTestDescriptor().isTest()).count());
    }
}
