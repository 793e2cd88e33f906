package com.taskdesk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/connection-budget.md's table of function settings says what the code's table says: each
 * setting's variable, unit, range and default, so a setting added to FunctionSetting is documented.
 */
class FunctionSettingsDocumentedTest {

    private static final Path DOC = Path.of("docs", "connection-budget.md");

    @Test
    void everyFunctionSettingIsDocumentedWithItsVariableUnitRangeAndDefault() throws IOException {
        Map<String, List<String>> rows = Files.readAllLines(DOC).stream()
                .filter(line -> line.startsWith("| `"))
                .map(line -> Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                        .map(String::trim)
                        .toList())
                .collect(Collectors.toMap(cells -> cells.get(0), Function.identity(), (a, b) -> a));
        for (FunctionSetting setting : FunctionSetting.values()) {
            List<String> expected = List.of(
                    "`" + setting.key() + "`",
                    setting.variable() == null ? "" : "`" + setting.variable() + "`",
                    setting.unit(),
                    setting.min() + " to " + setting.max(),
                    setting.defaultValue() == null
                            ? "none"
                            : setting.defaultValue().toString());
            List<String> documented = rows.get(expected.get(0));
            assertEquals(
                    expected,
                    documented == null ? null : documented.subList(0, expected.size()),
                    setting.key() + " in " + DOC);
        }
    }
}
