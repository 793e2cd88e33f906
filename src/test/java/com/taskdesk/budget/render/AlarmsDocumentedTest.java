package com.taskdesk.budget.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.render.CfnYaml.Fn;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/alarms.md says what each alarm means and what to do: its tables name exactly the alarms the
 * table in {@link Alarm} renders, so an alarm added, renamed or removed there is one here too.
 */
class AlarmsDocumentedTest {

    /** The first cell of a table row: | `<function>-new-version-failing` | ... */
    private static final Pattern DOCUMENTED = Pattern.compile("(?m)^\\| `([a-z0-9<>-]+)` \\|");

    @Test
    void docsAlarmsTablesNameEveryAlarmTheStackHasAndNoOther() throws Exception {
        Set<String> documented = new TreeSet<>();
        Matcher row = DOCUMENTED.matcher(Files.readString(ProjectCopy.PROJECT.resolve("docs/alarms.md")));
        while (row.find()) {
            documented.add(row.group(1));
        }
        AlarmSubject anyFunction = new AlarmSubject("<function>", "f", "f:live", "1", 12_000, 1, "prod");
        Set<String> rendered = new TreeSet<>();
        Map<String, Object> alarms = anyFunction.alarms(
                null, "Any", Alarm.Scope.ROLLBACK, Alarm.Scope.FUNCTION, Alarm.Scope.CAPPED_FUNCTION);
        alarms.putAll(Alarm.api(null, "api"));
        for (Object alarm : alarms.values()) {
            Fn name = (Fn) ((Map<?, ?>) ((Map<?, ?>) alarm).get("Properties")).get("AlarmName");
            rendered.add(((String) name.argument()).replace("${AWS::StackName}-", ""));
        }
        assertEquals(Alarm.values().length, rendered.size());
        assertEquals(rendered, documented);
    }
}
