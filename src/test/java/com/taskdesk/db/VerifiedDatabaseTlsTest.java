package com.taskdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.config.ConnectionSettings;
import com.taskdesk.testing.RestartableDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A production DATABASE_URL ends {@code ?sslmode=verify-full&sslrootcert=<the RDS CA bundle>}: the
 * function's connections then verify the server's certificate against that bundle and the name it
 * dialled. Against a real PostgreSQL serving TLS with a certificate for "localhost" from a CA of the
 * test's own (openssl), through the same properties the pool connects with (DatabaseCredentials).
 */
class VerifiedDatabaseTlsTest {

    @TempDir
    static Path certificates;

    private static RestartableDatabase database;

    @BeforeAll
    static void startPostgresWithTls() throws Exception {
        openssl(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=test database CA",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem");
        openssl(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=another CA",
                "-keyout",
                "other-ca.key",
                "-out",
                "other-ca.pem");
        openssl(
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=localhost",
                "-keyout",
                "server.key",
                "-out",
                "server.csr");
        Files.writeString(certificates.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
        openssl(
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                "san.ext",
                "-out",
                "server.pem");
        Files.setPosixFilePermissions(certificates.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        database = new RestartableDatabase(Map.of(
                        "ssl", "on",
                        "ssl_cert_file", certificates.resolve("server.pem").toString(),
                        "ssl_key_file", certificates.resolve("server.key").toString()))
                .start();
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.stop();
        }
    }

    @Test
    void aUrlWithVerifyFullAndItsCaBundleConnectsOverTls() throws SQLException {
        try (Connection connection = connect("localhost", certificates.resolve("ca.pem"));
                ResultSet ssl = connection
                        .createStatement()
                        .executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertTrue(ssl.next());
            assertTrue(ssl.getBoolean(1), "the session is encrypted");
        }
    }

    @Test
    void aServerWhoseCertificateChainsToAnotherCaIsRefused() {
        SQLException refused = assertThrows(
                SQLException.class,
                () -> connect("localhost", certificates.resolve("other-ca.pem")).close());
        assertTrue(String.valueOf(refused.getMessage()).contains("SSL"), refused.getMessage());
    }

    @Test
    void aServerAnsweringForAnotherNameThanTheOneDialledIsRefused() {
        // 127.0.0.1 is the same server, but its certificate names localhost only: verify-full refuses it.
        SQLException refused = assertThrows(
                SQLException.class,
                () -> connect("127.0.0.1", certificates.resolve("ca.pem")).close());
        assertTrue(String.valueOf(refused.getMessage()).contains("127.0.0.1"), refused.getMessage());
    }

    @Test
    void theStartUpLineNamesTheBundle() {
        ConnectionSettings settings = settings("localhost", certificates.resolve("ca.pem"));
        assertEquals(List.of(), settings.ignoredParameters(), "sslrootcert is a parameter the function reads");
        assertTrue(
                settings.describe().contains(" sslmode=verify-full sslrootcert=" + certificates.resolve("ca.pem")),
                settings.describe());
    }

    private static ConnectionSettings settings(String host, Path bundle) {
        return ConnectionSettings.resolve(Map.of(
                ConnectionSettings.DATABASE_URL,
                "postgresql://postgres@" + host + ":" + database.port() + "/postgres?sslmode=verify-full&sslrootcert="
                        + bundle));
    }

    /** As the pool opens a connection: pgjdbc with DatabaseCredentials' properties and a URL naming no host. */
    private static Connection connect(String host, Path bundle) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(settings(host, bundle).connectionProperties());
        return DriverManager.getConnection("jdbc:postgresql://", properties);
    }

    private static void openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(certificates.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "openssl " + arguments[0]);
        assertEquals(0, process.exitValue(), output);
    }
}
