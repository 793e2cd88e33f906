package com.taskdesk.gameday;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The application's own beans for one simulated instance, built as CDI builds them in the
 * function: each class of the application from its one constructor, its parameters from the
 * beans given (the pool, the configuration, the caller) or built the same way, one of each per
 * instance. Only the application's classes are built: anything else it needs must be given, so
 * a new dependency of a handler fails here, naming itself, instead of being silently faked.
 */
final class Wiring {

    private static final String APPLICATION_PACKAGE = "com.taskdesk.";

    private final List<Object> beans = new ArrayList<>();

    /** A bean the instance gets from outside the application's classes. */
    Wiring give(Object bean) {
        beans.add(bean);
        return this;
    }

    <T> T get(Class<T> type) {
        for (Object bean : beans) {
            if (type.isInstance(bean)) {
                return type.cast(bean);
            }
        }
        T built = build(type);
        beans.add(built);
        return built;
    }

    private <T> T build(Class<T> type) {
        if (!type.getName().startsWith(APPLICATION_PACKAGE) || type.isInterface()) {
            throw new IllegalStateException("A simulated instance has no " + type.getName()
                    + ": give it one in FunctionInstance (the function gets it from Quarkus)");
        }
        Constructor<?>[] constructors = type.getDeclaredConstructors();
        if (constructors.length != 1) {
            throw new IllegalStateException(type.getName() + " has " + constructors.length
                    + " constructors; CDI and this wiring need exactly one");
        }
        Constructor<?> constructor = constructors[0];
        Object[] arguments =
                Arrays.stream(constructor.getParameterTypes()).map(this::get).toArray();
        try {
            constructor.setAccessible(true);
            return type.cast(constructor.newInstance(arguments));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Building " + type.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + type.getName(), e);
        }
    }
}
