package com.taskdesk.budget.config;

import com.taskdesk.function.LambdaFunction;
import com.taskdesk.function.SignIn;
import com.taskdesk.function.Table;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Indexer;

/**
 * One Lambda function: a JAX-RS resource of the application with its {@link LambdaFunction}
 * annotation. The list is read from the application's compiled classes, so a resource is the only
 * place a function is written: config/, the deploy files, the roles, events/ and the tests take it
 * from here. A served route without a function, or a function without a route, is refused.
 *
 * <p>Every handler runs at most one statement per request on one pooled connection
 * ({@code com.taskdesk.db.Database#query}), so each needs exactly one connection per request it
 * serves at once.
 */
public record Endpoint(String functionName, Class<?> resource, String method, String path, LambdaFunction declared) {

    /** Connections a handler uses at once while it serves one request: one statement on one connection. */
    public static final int CONNECTIONS_PER_REQUEST = 1;

    private static final DotName PATH = DotName.createSimple(Path.class);
    private static final DotName FUNCTION = DotName.createSimple(LambdaFunction.class);

    /** The application's functions, ordered by route. */
    private static final List<Endpoint> ALL = of(applicationIndex());

    public static List<Endpoint> all() {
        return ALL;
    }

    @Override
    public String toString() {
        return functionName;
    }

    /** "GET /api/manager/agents". */
    public String route() {
        return method + " " + path;
    }

    /**
     * Least privilege: the tables its statement touches (quoted Prisma names) and what it does to
     * them, e.g. {@code "Task" -> "SELECT, UPDATE"}.
     */
    public Map<String, String> tablePrivileges() {
        Map<Table, List<String>> privileges = new LinkedHashMap<>();
        grant(privileges, declared.reads(), "SELECT");
        grant(privileges, declared.updates(), "UPDATE");
        grant(privileges, declared.inserts(), "INSERT");
        Map<String, String> grants = new LinkedHashMap<>();
        privileges.forEach((table, what) -> grants.put(table.quoted(), String.join(", ", what)));
        return Collections.unmodifiableMap(grants);
    }

    /**
     * One of the owning app's routes, signed in by its {@code auth-token} (every /api/manager
     * function, and the agent portal's, open to any valid token): the front door may move it to the
     * API. /api/health is the functions' own probe; the app answers its own /api/health.
     */
    public boolean managerRoute() {
        return checksToken();
    }

    /** Whether its handler checks a sign-in token ({@link SignIn}): only then does it get the token secret. */
    public boolean checksToken() {
        return SignIn.required(resource);
    }

    public boolean writes() {
        return declared.updates().length > 0 || declared.inserts().length > 0;
    }

    /** A write that changes tasks (mark-spam and the restores), not only a user's own row (the heartbeat). */
    public boolean changesTasks() {
        return List.of(declared.updates()).contains(Table.TASK);
    }

    /** The query string (no {@code ?}) of its sample request in events/ and the every-function tests. */
    public String sampleQuery() {
        return declared.sampleQuery();
    }

    /** The JSON body of its sample request, or null for a GET. */
    public String sampleBody() {
        return declared.sampleBody().isEmpty() ? null : declared.sampleBody();
    }

    public static Optional<Endpoint> forFunction(String functionName) {
        return ALL.stream()
                .filter(endpoint -> endpoint.functionName.equals(functionName))
                .findFirst();
    }

    public static List<String> functionNames() {
        return ALL.stream().map(Endpoint::functionName).toList();
    }

    /**
     * The functions of the resources in {@code index}: each class with {@code @Path} must carry
     * {@link LambdaFunction} and the other way round, with exactly one {@code @GET} or {@code @POST}
     * method, and no two may share a name or a route.
     */
    static List<Endpoint> of(IndexView index) {
        List<String> problems = new ArrayList<>();
        List<Endpoint> endpoints = new ArrayList<>();
        for (String className : annotatedClasses(index, PATH, FUNCTION)) {
            Class<?> resource = load(className);
            Path path = resource.getAnnotation(Path.class);
            LambdaFunction function = resource.getAnnotation(LambdaFunction.class);
            List<String> methods = httpMethods(resource);
            if (function == null) {
                problems.add(className + " serves " + (path == null ? "?" : path.value())
                        + " but is no function: annotate it with @LambdaFunction");
            } else if (path == null) {
                problems.add(className + " is function " + function.name() + " but serves no route: give it @Path");
            } else if (!Names.isKey(function.name())) {
                problems.add(className + "'s function name " + Names.quoted(function.name()) + " must be "
                        + Names.KEY_RULE + ": it becomes part of role, stack and secret names");
            } else if (methods.size() != 1) {
                problems.add(className + " must have exactly one @GET or @POST method; has " + methods);
            } else {
                endpoints.add(new Endpoint(function.name(), resource, methods.get(0), path.value(), function));
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
        for (int i = 0; i < endpoints.size(); i++) {
            for (int j = i + 1; j < endpoints.size(); j++) {
                if (endpoints.get(i).functionName.equals(endpoints.get(j).functionName)
                        || endpoints.get(i).route().equals(endpoints.get(j).route())) {
                    problems.add(endpoints.get(i).resource.getName() + " and "
                            + endpoints.get(j).resource.getName() + " declare the same function name or route");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The application's functions: " + String.join("; ", problems));
        }
        return List.copyOf(endpoints);
    }

    private static List<String> annotatedClasses(IndexView index, DotName... annotations) {
        return Stream.of(annotations)
                .flatMap(annotation -> index.getAnnotations(annotation).stream())
                .filter(instance -> instance.target().kind() == AnnotationTarget.Kind.CLASS)
                .map(instance -> instance.target().asClass().name().toString())
                .distinct()
                .sorted()
                .toList();
    }

    private static List<String> httpMethods(Class<?> resource) {
        List<String> methods = new ArrayList<>();
        for (Method method : resource.getDeclaredMethods()) {
            if (method.isAnnotationPresent(GET.class)) {
                methods.add("GET");
            }
            if (method.isAnnotationPresent(POST.class)) {
                methods.add("POST");
            }
        }
        return methods;
    }

    private static void grant(Map<Table, List<String>> privileges, Table[] tables, String privilege) {
        for (Table table : tables) {
            privileges.computeIfAbsent(table, t -> new ArrayList<>()).add(privilege);
        }
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className, false, Endpoint.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " is in the index but cannot be loaded", e);
        }
    }

    /** An index of the application's own classes: the directory LambdaFunction was loaded from. */
    private static IndexView applicationIndex() {
        java.nio.file.Path classes;
        try {
            classes = Paths.get(LambdaFunction.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException(
                    "The functions are read from the compiled classes (target/classes), not " + classes);
        }
        Indexer indexer = new Indexer();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file :
                    files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return indexer.complete();
    }
}
