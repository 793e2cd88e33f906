package com.taskdesk.config;

import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The environment variables a function reads its settings and secrets from. Tests ignore
 * the process environment, so a developer's DATABASE_URL never receives test fixtures; a
 * test that needs variables supplies its own bean.
 */
public record Environment(Map<String, String> variables) {

    public static Environment ofThisProcess() {
        return new Environment(LaunchMode.current() == LaunchMode.TEST ? Map.of() : System.getenv());
    }

    public String get(String name) {
        return variables.get(name);
    }

    /** The variable's value, or null when it is unset or blank. */
    public String value(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    @Singleton
    static class Producer {

        @Produces
        @Singleton
        @DefaultBean
        Environment environment() {
            return ofThisProcess();
        }
    }
}
