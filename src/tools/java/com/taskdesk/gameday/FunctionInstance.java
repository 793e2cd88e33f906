package com.taskdesk.gameday;

import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.config.ConnectionSettings;
import com.taskdesk.config.DeskConfig;
import com.taskdesk.config.Environment;
import com.taskdesk.db.DatabaseCredentials;
import com.taskdesk.db.DatasourceConfigSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.quarkus.agroal.runtime.AgroalVaultCredentialsProviderPassword;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiFunction;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * One execution environment of a function, in this JVM: the function's own handler (its
 * resource class, with its SQL, its parameters, its caller check and its row mapping) on a real
 * {@code com.taskdesk.db.Database} over an Agroal pool configured as the deployed function's is
 * (application.properties' pool settings and the environment the deploy files give the function:
 * DATABASE_URL, DB_USER, DB_CONNECTION_LIMIT and the timeouts, through the function's own
 * ConnectionSettings and DatabaseCredentials), and failures answered by the application's own
 * exception mappers. What it leaves out: HTTP and the API Gateway event, JSON (the body is the
 * handler's result object), the JWT's signature check (the caller is given), CDI's proxies, the
 * request log and metrics lines, Lambda's runtime, SnapStart.
 */
final class FunctionInstance implements AutoCloseable {

    /** What runs a call on an instance: the function's own handler, or a deliberately broken stand-in. */
    interface Handler {
        Object handle(Call call) throws Exception;
    }

    /** Makes an instance's handler from its beans (the resource, or a broken variant of it). */
    interface HandlerFactory extends BiFunction<Endpoint, Wiring, Handler> {}

    /** The function's own handler: its resource's one {@code @GET} or {@code @POST} method. */
    static final HandlerFactory OWN_HANDLER = FunctionInstance::resourceHandler;

    private static final String DATASOURCE = "quarkus.datasource.jdbc.";
    private static final String JDBC_PROPERTY = DATASOURCE + "additional-jdbc-properties.";
    /** Quarkus' default background-validation-interval (application.properties does not set it). */
    private static final Duration BACKGROUND_VALIDATION = Duration.ofMinutes(2);
    /** The application's own properties, without %dev and %test: what the deployed function runs with. */
    private static final Map<String, String> APPLICATION_PROPERTIES = applicationProperties();

    private final AgroalDataSource pool;
    private final Caller caller;
    private final Handler handler;
    private final ExceptionMappers mappers;

    private FunctionInstance(AgroalDataSource pool, Caller caller, Handler handler, ExceptionMappers mappers) {
        this.pool = pool;
        this.caller = caller;
        this.handler = handler;
        this.mappers = mappers;
    }

    /** A cold start: the beans and the pool, no connection yet (the function opens none during init). */
    static FunctionInstance start(Endpoint endpoint, Map<String, String> environment, HandlerFactory handlers) {
        ConnectionSettings settings = ConnectionSettings.resolve(environment);
        Caller caller = new Caller();
        Wiring wiring = new Wiring()
                .give(new Environment(environment))
                .give(settings)
                .give(deskConfig(environment, settings))
                .give(Clock.systemUTC())
                .give(caller);
        AgroalDataSource pool = pool(settings, wiring.get(DatabaseCredentials.class));
        wiring.give(pool);
        return new FunctionInstance(pool, caller, handlers.apply(endpoint, wiring), new ExceptionMappers(wiring));
    }

    Answer handle(Call call) {
        caller.bearer = call.caller();
        try {
            return Answer.of(handler.handle(call));
        } catch (Throwable thrown) {
            Throwable failure = thrown instanceof InvocationTargetException e ? e.getCause() : thrown;
            return Answer.failed(mappers.map(failure), failure);
        }
    }

    /** Connections the pool found dead (closed by the server while idle, say) and dropped instead of handing out. */
    long invalidated() {
        return pool.getMetrics().invalidCount();
    }

    @Override
    public void close() {
        pool.close();
    }

    private static Handler resourceHandler(Endpoint endpoint, Wiring wiring) {
        Object resource = wiring.get(endpoint.resource());
        Method method = Arrays.stream(endpoint.resource().getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(GET.class) || m.isAnnotationPresent(POST.class))
                .findFirst()
                .orElseThrow();
        Parameter[] parameters = method.getParameters();
        for (Parameter parameter : parameters) {
            if (parameter.getType() == UriInfo.class && parameter.isAnnotationPresent(Context.class)) {
                continue;
            }
            if (parameter.getType() != String.class || parameter.getAnnotations().length > 1) {
                throw new IllegalStateException(method + ": the game day passes query parameters and a body,"
                        + " as strings, or the request's UriInfo; teach FunctionInstance what " + parameter + " is");
            }
        }
        method.setAccessible(true);
        return call -> method.invoke(
                resource,
                Arrays.stream(parameters)
                        .map(p -> p.getType() == UriInfo.class
                                ? RequestUri.of(call.query())
                                : p.isAnnotationPresent(QueryParam.class)
                                        ? call.query()
                                                .get(p.getAnnotation(QueryParam.class)
                                                        .value())
                                        : call.body())
                        .toArray());
    }

    /** The function's typed settings, from its environment and its connection budget, as Quarkus reads them. */
    private static DeskConfig deskConfig(Map<String, String> environment, ConnectionSettings settings) {
        return new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                .withSources(new PropertiesConfigSource(settings.quarkusProperties(), "connection budget", 275))
                .withSources(new PropertiesConfigSource(APPLICATION_PROPERTIES, "application.properties", 250))
                .withMapping(DeskConfig.class)
                .build()
                .getConfigMapping(DeskConfig.class);
    }

    /** The pool Quarkus builds from application.properties and the budget, asking DatabaseCredentials per connection. */
    private static AgroalDataSource pool(ConnectionSettings settings, DatabaseCredentials credentials) {
        AgroalDataSourceConfigurationSupplier supplier = new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(true)
                .connectionPoolConfiguration(pool -> pool.maxSize(
                                settings.connectionLimit().value())
                        .minSize(Integer.parseInt(property("min-size")))
                        .initialSize(Integer.parseInt(property("initial-size")))
                        .acquisitionTimeout(
                                Duration.ofSeconds(settings.poolTimeoutSeconds().value()))
                        .validateOnBorrow(Boolean.parseBoolean(property("validate-on-borrow")))
                        .connectionValidator(ConnectionValidator.defaultValidatorWithTimeout(
                                (int) duration("validation-query-timeout").toSeconds()))
                        .validationTimeout(BACKGROUND_VALIDATION)
                        .reapTimeout(duration("idle-removal-interval"))
                        .maxLifetime(duration("max-lifetime"))
                        // what quarkus-jdbc-postgresql sets: a connection with a fatal error is not pooled again
                        .exceptionSorter(new PostgreSQLExceptionSorter())
                        .connectionFactoryConfiguration(factory -> {
                            factory.connectionProviderClass(org.postgresql.Driver.class)
                                    .jdbcUrl(DatasourceConfigSource.URL_FROM_CONNECTION_PROPERTIES)
                                    .credential(new AgroalVaultCredentialsProviderPassword(
                                            DatabaseCredentials.NAME, credentials));
                            APPLICATION_PROPERTIES.forEach((name, value) -> {
                                if (name.startsWith(JDBC_PROPERTY)) {
                                    factory.jdbcProperty(name.substring(JDBC_PROPERTY.length()), value);
                                }
                            });
                            return factory;
                        }));
        try {
            return AgroalDataSource.from(supplier);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String property(String datasourceSetting) {
        String value = APPLICATION_PROPERTIES.get(DATASOURCE + datasourceSetting);
        if (value == null) {
            throw new IllegalStateException("application.properties no longer sets " + DATASOURCE + datasourceSetting);
        }
        return value;
    }

    /** "2S", "5M": a Quarkus duration. */
    private static Duration duration(String datasourceSetting) {
        return Duration.parse("PT" + property(datasourceSetting));
    }

    private static Map<String, String> applicationProperties() {
        Properties properties = new Properties();
        try (InputStream in = FunctionInstance.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> deployed = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!name.startsWith("%")) {
                deployed.put(name, properties.getProperty(name));
            }
        }
        return deployed;
    }

    /** The token's caller, per request: the JWT the function verified, reduced to the claims the handlers read. */
    private static final class Caller implements JsonWebToken {
        private volatile Bearer bearer;

        @Override
        public String getName() {
            return bearer.userId();
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of("userId", "role", "email");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            Bearer token = bearer;
            return (T)
                    switch (claimName) {
                        case "userId" -> token.userId();
                        case "role" -> token.role();
                        case "email" -> token.email();
                        default -> null;
                    };
        }
    }
}
