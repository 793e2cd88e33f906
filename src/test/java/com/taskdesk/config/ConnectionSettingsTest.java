package com.taskdesk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DATABASE_URL as the Next.js app wrote it, translated for pgjdbc and Agroal. */
class ConnectionSettingsTest {

    private static ConnectionSettings resolve(String url, String... env) {
        Map<String, String> variables = new java.util.HashMap<>();
        variables.put("DATABASE_URL", url);
        for (int i = 0; i < env.length; i += 2) {
            variables.put(env[i], env[i + 1]);
        }
        return ConnectionSettings.resolve(variables);
    }

    private static Map<String, String> properties(String url, String... env) {
        return resolve(url, env).quarkusProperties();
    }

    /** What pgjdbc gets with each new connection (the pool's URL names no host). */
    private static Map<String, String> connection(String url, String... env) {
        return resolve(url, env).connectionProperties();
    }

    private static String rejection(String url, String... env) {
        return assertThrows(InvalidSettingException.class, () -> resolve(url, env))
                .getMessage();
    }

    @Test
    void translatesTheOriginalAppsUrl() {
        String url = "postgresql://desk:s3cret@db.example.com:6543/taskdesk?connection_limit=10&pool_timeout=20";
        Map<String, String> c = connection(url);
        assertEquals("db.example.com", c.get("PGHOST"));
        assertEquals("6543", c.get("PGPORT"));
        assertEquals("taskdesk", c.get("PGDBNAME"));
        assertEquals("desk", c.get("user"));
        assertEquals("s3cret", c.get("password"));
        Map<String, String> p = properties(url);
        assertEquals("10", p.get("quarkus.datasource.jdbc.max-size"));
        assertEquals("20S", p.get("quarkus.datasource.jdbc.acquisition-timeout"));
    }

    @Test
    void noPartOfTheUrlGoesIntoConfiguration() {
        Map<String, String> p = properties("postgresql://desk:s3cret@db.example.com:6543/deskdb?sslmode=require");
        assertNull(p.get("quarkus.datasource.jdbc.url"));
        assertNull(p.get("quarkus.datasource.username"));
        assertNull(p.get("quarkus.datasource.password"));
        for (String part : List.of("s3cret", "db.example.com", "6543", "deskdb")) {
            assertFalse(p.toString().contains(part), part + " in " + p);
        }
    }

    @Test
    void eachConnectionGetsTheSameDriverSettingsAsThePool() {
        ConnectionSettings settings = resolve(
                "postgresql://u:p@h/db?sslmode=require&schema=desk&pgbouncer=true", "TASKDESK_FUNCTION_NAME", "agents");
        String jdbc = "quarkus.datasource.jdbc.additional-jdbc-properties.";
        settings.quarkusProperties().forEach((name, value) -> {
            if (name.startsWith(jdbc)) {
                assertEquals(value, settings.connectionProperties().get(name.substring(jdbc.length())), name);
            }
        });
        assertEquals("agents", settings.connectionProperties().get("ApplicationName"));
        assertEquals("0", settings.connectionProperties().get("prepareThreshold"));
    }

    @Test
    void decodesPercentEncodedUserAndPassword() {
        Map<String, String> c = connection("postgresql://app%40corp:p%40ss%3Aw%2Fo%25rd%20x@db.example/db");
        assertEquals("app@corp", c.get("user"));
        assertEquals("p@ss:w/o%rd x", c.get("password"));
        assertEquals("db.example", c.get("PGHOST"));
        assertEquals("5432", c.get("PGPORT"));
        assertEquals("db", c.get("PGDBNAME"));
    }

    @Test
    void keepsAPasswordThatHoldsAnAtSign() {
        assertEquals("p@ss", connection("postgresql://u:p@ss@host:5432/db").get("password"));
    }

    @Test
    void anAtSignAfterTheHostMustBePercentEncoded() {
        assertEquals(DatabaseUrl.UNENCODED_USER_INFO, rejection("postgresql://u:p@host/db?schema=a@b"));
        Map<String, String> c = connection("postgresql://u:p@host/db?schema=a%40b");
        assertEquals("host", c.get("PGHOST"));
        assertEquals("u", c.get("user"));
        assertEquals("a@b", c.get("currentSchema"));
    }

    /**
     * An unencoded '/', '?' or '#' in the password ends the host part early, so the rest of the
     * password would be read as a port, a database or a parameter: the URL is refused naming the
     * likely cause, and no fragment of the user name or password is in the message.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            slash                       | postgresql://canaryuser:S3cretPrefix/restCanary@db.example/desk
            slash after digits          | postgresql://canaryuser:5433/restCanary@db.example:5432/desk
            question mark               | postgresql://canaryuser:S3cretPrefix?restCanary@db.example/desk
            question mark and equals    | postgresql://canaryuser:S3cretPrefix?sslmode=restCanary@db.example/desk
            hash                        | postgresql://canaryuser:S3cretPrefix#restCanary@db.example/desk
            at sign then slash          | postgresql://canaryuser:S3cret@Prefix/restCanary@db.example/desk
            slash in the user name      | postgresql://canary/user:S3cretPrefix@db.example/desk
            """)
    void anUnencodedSlashQuestionMarkOrHashInTheUserInfoIsNamedAndNeverQuoted(String what, String url) {
        String message = rejection(url);
        assertEquals(DatabaseUrl.UNENCODED_USER_INFO, message);
        for (String fragment : List.of("canary", "S3cret", "Prefix", "5433", "Canary")) {
            assertFalse(message.contains(fragment), fragment + " in: " + message);
        }
    }

    @Test
    void textThatIsNotASchemeIsNotQuotedEither() {
        assertEquals(
                "DATABASE_URL must start with postgresql:// or postgres://",
                rejection("canaryuser:S3cret://Prefix@db.example/desk"));
    }

    @Test
    void acceptsIpv6HostsWithAndWithoutPort() {
        Map<String, String> withPort = connection("postgresql://u:p@[2001:db8::1]:5433/db");
        assertEquals("[2001:db8::1]", withPort.get("PGHOST"));
        assertEquals("5433", withPort.get("PGPORT"));
        Map<String, String> withoutPort = connection("postgresql://u:p@[::1]/db");
        assertEquals("[::1]", withoutPort.get("PGHOST"));
        assertEquals("5432", withoutPort.get("PGPORT"));
    }

    @Test
    void missingPortMeans5432AndPostgresSchemeWorksToo() {
        Map<String, String> c = connection("postgres://u:p@host/db");
        assertEquals("host", c.get("PGHOST"));
        assertEquals("5432", c.get("PGPORT"));
    }

    @Test
    void pgbouncerTrueTurnsOffServerSidePreparedStatements() {
        assertEquals(
                "0",
                properties("postgresql://u:p@h/db?pgbouncer=true")
                        .get("quarkus.datasource.jdbc.additional-jdbc-properties.prepareThreshold"));
        assertNull(properties("postgresql://u:p@h/db?pgbouncer=false")
                .get("quarkus.datasource.jdbc.additional-jdbc-properties.prepareThreshold"));
    }

    @Test
    void passesSslmodeSchemaAndTimeoutsToTheDriver() {
        Map<String, String> p =
                properties("postgresql://u:p@h/db?sslmode=require&schema=desk&connect_timeout=7&socket_timeout=6");
        String jdbc = "quarkus.datasource.jdbc.additional-jdbc-properties.";
        assertEquals("require", p.get(jdbc + "sslmode"));
        assertEquals("desk", p.get(jdbc + "currentSchema"));
        assertEquals("7", p.get(jdbc + "connectTimeout"));
        assertEquals("7", p.get(jdbc + "loginTimeout"));
        assertEquals("6", p.get(jdbc + "socketTimeout"));
        assertEquals("true", p.get(jdbc + "tcpKeepAlive"));
    }

    @Test
    void aSocketReadTimeoutIsAlwaysSetToTheStatementTimeoutPlusTheMargin() {
        assertEquals(
                new ConnectionSettings.Setting(8, "statement timeout + DB_TIMEOUT_MARGIN_SECONDS 3"),
                ConnectionSettings.resolve(Map.of()).socketTimeoutSeconds());
        ConnectionSettings budget =
                resolve("postgresql://u:p@h/db", "DB_STATEMENT_TIMEOUT_SECONDS", "8", "DB_TIMEOUT_MARGIN_SECONDS", "2");
        assertEquals(10, budget.socketTimeoutSeconds().value());
        assertEquals(
                "10",
                budget.quarkusProperties().get("quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout"));
    }

    @Test
    void theUrlsSocketTimeoutMayLowerTheReadTimeoutButNeverRaiseIt() {
        assertEquals(
                new ConnectionSettings.Setting(6, "DATABASE_URL socket_timeout"),
                resolve("postgresql://u:p@h/db?socket_timeout=6").socketTimeoutSeconds());
        assertEquals(
                new ConnectionSettings.Setting(
                        8,
                        "statement timeout + DB_TIMEOUT_MARGIN_SECONDS 3; DATABASE_URL socket_timeout 600 is longer"),
                resolve("postgresql://u:p@h/db?socket_timeout=600").socketTimeoutSeconds());
        assertEquals(
                "DATABASE_URL socket_timeout must be a whole number of at least 1; got '0'",
                rejection("postgresql://u:p@h/db?socket_timeout=0"),
                "0 would mean no timeout at all to the driver");
    }

    @Test
    void unknownParametersAreIgnoredAndListedForTheWarning() {
        ConnectionSettings settings =
                resolve("postgresql://u:p@h/db?application_name=x&statement_cache_size=100&connection_limit=2");
        assertEquals(List.of("application_name", "statement_cache_size"), settings.ignoredParameters());
        assertEquals(2, settings.connectionLimit().value());
        assertFalse(settings.quarkusProperties().containsValue("100"));
    }

    @Test
    void perFunctionVariablesWinOverTheUrlAndSayWhereEachValueCameFrom() {
        ConnectionSettings settings = resolve(
                "postgresql://u:p@h/db?connection_limit=10&pool_timeout=20&connect_timeout=5",
                "DB_CONNECTION_LIMIT",
                "1",
                "DB_POOL_TIMEOUT_SECONDS",
                "2",
                "DB_STATEMENT_TIMEOUT_SECONDS",
                "4",
                "TASKDESK_FUNCTION_NAME",
                "agents");
        assertEquals(new ConnectionSettings.Setting(1, "DB_CONNECTION_LIMIT"), settings.connectionLimit());
        assertEquals(new ConnectionSettings.Setting(2, "DB_POOL_TIMEOUT_SECONDS"), settings.poolTimeoutSeconds());
        assertEquals(
                new ConnectionSettings.Setting(5, "DATABASE_URL connect_timeout"), settings.connectTimeoutSeconds());
        assertEquals(
                new ConnectionSettings.Setting(4, "DB_STATEMENT_TIMEOUT_SECONDS"), settings.statementTimeoutSeconds());
        Map<String, String> p = settings.quarkusProperties();
        assertEquals("1", p.get("quarkus.datasource.jdbc.max-size"));
        assertEquals("4", p.get("taskdesk.db.statement-timeout-seconds"));
        assertEquals("agents", p.get("quarkus.datasource.jdbc.additional-jdbc-properties.ApplicationName"));
    }

    @Test
    void defaultsToOneConnectionWhenNothingIsSet() {
        ConnectionSettings settings = ConnectionSettings.resolve(Map.of());
        assertEquals(new ConnectionSettings.Setting(1, "default"), settings.connectionLimit());
        assertEquals(new ConnectionSettings.Setting(2, "default"), settings.poolTimeoutSeconds());
        assertEquals(5, settings.statementTimeoutSeconds().value());
        assertNull(settings.quarkusProperties().get("quarkus.datasource.jdbc.url"));
        assertEquals(
                "local",
                settings.quarkusProperties().get("quarkus.datasource.jdbc.additional-jdbc-properties.ApplicationName"));
    }

    @Test
    void theResultsCapComesFromItsVariableOrTheTablesDefaultAndReachesTheFunctionsConfiguration() {
        ConnectionSettings none = ConnectionSettings.resolve(Map.of());
        assertEquals(
                new ConnectionSettings.Setting(1000, "default"), none.values().get(FunctionSetting.MAX_ROWS));
        assertEquals("1000", none.quarkusProperties().get("taskdesk.results.max-rows"));
        ConnectionSettings given = ConnectionSettings.resolve(Map.of("TASKDESK_RESULTS_MAX_ROWS", "250"));
        assertEquals(
                new ConnectionSettings.Setting(250, "TASKDESK_RESULTS_MAX_ROWS"),
                given.values().get(FunctionSetting.MAX_ROWS));
        assertEquals("250", given.quarkusProperties().get("taskdesk.results.max-rows"));
        assertEquals(
                "TASKDESK_RESULTS_MAX_ROWS must be a whole number between 1 and 100000; got '0'",
                assertThrows(
                                InvalidSettingException.class,
                                () -> ConnectionSettings.resolve(Map.of("TASKDESK_RESULTS_MAX_ROWS", "0")))
                        .getMessage());
    }

    @Test
    void aStoredUrlReplacesOnlyTheUrlTheVariablesReadAtStartStillWin() {
        ConnectionSettings atStart = ConnectionSettings.resolve(Map.of(
                "DB_CONNECT_TIMEOUT_SECONDS",
                "7",
                "DB_USER",
                "taskdesk_prod_agents",
                "TASKDESK_FUNCTION_NAME",
                "agents"));
        ConnectionSettings perConnection = atStart.withDatabaseUrl(
                DatabaseUrl.parse("postgresql://app:pw@stored.example/desk?connect_timeout=9&pool_timeout=4"));
        assertEquals(
                new ConnectionSettings.Setting(7, "DB_CONNECT_TIMEOUT_SECONDS"), perConnection.connectTimeoutSeconds());
        assertEquals(
                new ConnectionSettings.Setting(4, "DATABASE_URL pool_timeout"), perConnection.poolTimeoutSeconds());
        Map<String, String> c = perConnection.connectionProperties();
        assertEquals("stored.example", c.get("PGHOST"));
        assertEquals("taskdesk_prod_agents", c.get("user"));
        assertEquals("pw", c.get("password"));
        assertEquals("7", c.get("connectTimeout"));
        assertEquals("agents", c.get("ApplicationName"));
    }

    @Test
    void functionRoleReplacesTheUrlsUserButKeepsItsPassword() {
        Map<String, String> c = connection("postgresql://app:pw@h/db", "DB_USER", "taskdesk_prod_agents");
        assertEquals("taskdesk_prod_agents", c.get("user"));
        assertEquals("pw", c.get("password"));
    }

    @Test
    void startupLineNamesEveryNumberAndItsSourceButNeverThePassword() {
        String line = resolve(
                        "postgresql://desk:hunter2secret@db.example.com/taskdesk?pool_timeout=2&foo=bar",
                        "DB_CONNECTION_LIMIT",
                        "1",
                        "TASKDESK_FUNCTION_NAME",
                        "agents")
                .describe();
        assertTrue(line.contains("function=agents"), line);
        assertTrue(line.contains("connectionLimit=1 (DB_CONNECTION_LIMIT)"), line);
        assertTrue(line.contains("poolTimeoutSeconds=2 (DATABASE_URL pool_timeout)"), line);
        assertTrue(line.contains("statementTimeoutSeconds=5 (default)"), line);
        assertTrue(line.contains("database=db.example.com:5432/taskdesk"), line);
        assertTrue(line.contains("ignoredUrlParameters=[foo]"), line);
        assertFalse(line.contains("hunter2secret"), line);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            non-numeric limit     | postgresql://u:p@h/db?connection_limit=ten | DATABASE_URL connection_limit must be a whole number between 1 and 1000; got 'ten'
            negative limit        | postgresql://u:p@h/db?connection_limit=-1  | DATABASE_URL connection_limit must be a whole number between 1 and 1000; got '-1'
            zero limit            | postgresql://u:p@h/db?connection_limit=0   | DATABASE_URL connection_limit must be a whole number between 1 and 1000; got '0'
            fractional timeout    | postgresql://u:p@h/db?pool_timeout=2.5     | DATABASE_URL pool_timeout must be a whole number between 1 and 900; got '2.5'
            negative socket       | postgresql://u:p@h/db?socket_timeout=-3    | DATABASE_URL socket_timeout must be a whole number of at least 1; got '-3'
            unknown scheme        | mysql://u:p@h/db                           | DATABASE_URL must start with postgresql:// or postgres:// (its scheme is 'mysql')
            no scheme             | u:p@h/db                                   | DATABASE_URL must start with postgresql:// or postgres://
            no database           | postgresql://u:p@h:5432                    | DATABASE_URL names no database (expected .../<database>)
            no host               | postgresql://u:p@/db                       | DATABASE_URL has no host
            bad port              | postgresql://u:p@h:port/db                 | DATABASE_URL port must be a number from 1 to 65535
            missing at-host       | postgresql://app:S3cretPw/db               | DATABASE_URL port must be a number from 1 to 65535
            bad sslmode           | postgresql://u:p@h/db?sslmode=sometimes    | DATABASE_URL sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full; got 'sometimes'
            bad pgbouncer         | postgresql://u:p@h/db?pgbouncer=yes        | DATABASE_URL pgbouncer must be true or false; got 'yes'
            broken encoding       | postgresql://u:p%zzsecret@h.example/db     | DATABASE_URL: the password is not valid percent-encoding
            """)
    void rejectsWithAMessageNamingTheParameter(String what, String url, String message) {
        assertEquals(message, rejection(url));
    }

    @Test
    void rejectsABadPerFunctionVariableByName() {
        assertEquals(
                "DB_CONNECTION_LIMIT must be a whole number between 1 and 1000; got 'lots'",
                rejection("postgresql://u:p@h/db", "DB_CONNECTION_LIMIT", "lots"));
    }

    @Test
    void rejectionsNeverRepeatThePassword() {
        String message = rejection("postgresql://u:%E0%A4%A@h.example/db?connection_limit=x");
        assertFalse(message.contains("%E0"), message);
    }
}
