package com.taskdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** first-statement-classes.txt names classes this build has (a driver upgrade may rename some). */
class FirstStatementClassesTest {

    @Test
    void everyClassTheListNamesIsOnTheClassPath() {
        List<String> names = FirstStatementClasses.names();
        assertTrue(names.contains("org.postgresql.jdbc.PgConnection"), "the driver's connection");
        List<String> missing = names.stream().filter(name -> !exists(name)).toList();
        assertEquals(
                List.of(),
                missing,
                "refresh the list from target/first-request-classes.txt (FirstRequestAfterColdStartIT)");
    }

    private static boolean exists(String name) {
        try {
            Class.forName(name, false, FirstStatementClasses.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
