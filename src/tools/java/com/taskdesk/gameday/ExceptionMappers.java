package com.taskdesk.gameday;

import com.taskdesk.function.LambdaFunction;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The application's {@code @ServerExceptionMapper} methods (com.taskdesk.http), chosen for a
 * failure as Quarkus REST chooses them: the mapper of the nearest superclass of the exception,
 * then the higher priority (the lower number). So a simulated instance answers a failure with
 * the status and headers (Retry-After) the function would send, a 500 included.
 */
final class ExceptionMappers {

    private record Mapper(Method method, Class<?> handles, int priority) {}

    /** Every mapper method of the application's compiled classes: read once. */
    private static final List<Mapper> MAPPERS = find();

    private final Wiring wiring;

    ExceptionMappers(Wiring wiring) {
        this.wiring = wiring;
    }

    Response map(Throwable failure) {
        Mapper mapper = MAPPERS.stream()
                .filter(m -> m.handles().isInstance(failure))
                .min(Comparator.comparingInt((Mapper m) -> distance(failure.getClass(), m.handles()))
                        .thenComparingInt(Mapper::priority))
                .orElseThrow(() -> new IllegalStateException("No exception mapper for " + failure));
        try {
            return (Response) mapper.method().invoke(wiring.get(mapper.method().getDeclaringClass()), failure);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("The exception mapper " + mapper.method() + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int distance(Class<?> from, Class<?> to) {
        int steps = 0;
        for (Class<?> c = from; c != null && c != to; c = c.getSuperclass()) {
            steps++;
        }
        return steps;
    }

    private static List<Mapper> find() {
        List<Mapper> mappers = new ArrayList<>();
        for (Class<?> type : applicationClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                ServerExceptionMapper annotation = method.getAnnotation(ServerExceptionMapper.class);
                if (annotation == null) {
                    continue;
                }
                if (method.getParameterCount() != 1
                        || !Throwable.class.isAssignableFrom(method.getParameterTypes()[0])
                        || method.getReturnType() != Response.class) {
                    throw new IllegalStateException(method
                            + ": the game day maps failures with mappers that take the exception alone and"
                            + " answer a Response");
                }
                method.setAccessible(true);
                mappers.add(new Mapper(method, method.getParameterTypes()[0], annotation.priority()));
            }
        }
        if (mappers.isEmpty()) {
            throw new IllegalStateException("No @ServerExceptionMapper in the application's classes");
        }
        return List.copyOf(mappers);
    }

    /** The classes of target/classes, loaded without running their static initialisers. */
    private static List<Class<?>> applicationClasses() {
        Path classes;
        try {
            classes = Path.of(LambdaFunction.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.');
                types.add(Class.forName(
                        name.substring(0, name.length() - ".class".length()),
                        false,
                        ExceptionMappers.class.getClassLoader()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return types;
    }
}
