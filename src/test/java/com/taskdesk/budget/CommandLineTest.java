package com.taskdesk.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A wrong command line exits 2 with one "error: " line naming what is wrong, then the usage; never a stack trace. */
class CommandLineTest {

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("deploy"), "deploy"),
                Arguments.of(List.of(), "no command"),
                Arguments.of(List.of("roles"), "--stage"),
                Arguments.of(List.of("plan", "--stage"), "--stage"),
                Arguments.of(List.of("render", "--stage", "prod"), "--stage"),
                Arguments.of(List.of("plan", "--stage", "prod", "--max-connections", "lots"), "lots"),
                Arguments.of(List.of("plan", "--stage", "prod", "--weight", "reports=2"), "reports"),
                Arguments.of(List.of("check", "--stage", "qa"), "dev, prod, staging"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void aWrongCommandLineExits2NamingWhatIsWrong(List<String> args, String named) {
        ProjectCopy.ToolRun run =
                ProjectCopy.ToolRun.of(Stream.concat(args.stream(), Stream.of("--dir", ProjectCopy.PROJECT.toString()))
                        .toArray(String[]::new));

        assertEquals(2, run.exitCode(), run.err());
        String first = run.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("error: ") && first.contains(named), first);
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        ProjectCopy.ToolRun run = ProjectCopy.ToolRun.of("--help");

        assertEquals(0, run.exitCode());
        for (String expected : List.of("check", "plan", "roles", "render", "0", "1", "2", "3")) {
            assertTrue(run.out().contains(expected), expected + " in:\n" + run.out());
        }
    }
}
