package com.taskdesk.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The tests' JDBC driver for the functions' pool (%test.quarkus.datasource.jdbc.driver):
 * PostgreSQL's own driver, with every statement execution reported to {@link SqlCounter}.
 */
public class CountingDriver implements Driver {

    private final Driver postgres = new org.postgresql.Driver();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Connection connection = postgres.connect(url, info);
        return connection == null ? null : proxy(Connection.class, connection, new ConnectionHandler(connection));
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return postgres.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return postgres.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return postgres.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return postgres.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return postgres.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return postgres.getParentLogger();
    }

    private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(CountingDriver.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private record ConnectionHandler(Connection connection) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result = CountingDriver.invoke(connection, method, args);
            String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
            return switch (method.getName()) {
                case "createStatement" ->
                    proxy(Statement.class, result, new StatementHandler((Statement) result, null));
                case "prepareStatement" ->
                    proxy(PreparedStatement.class, result, new StatementHandler((Statement) result, sql));
                case "prepareCall" ->
                    proxy(CallableStatement.class, result, new StatementHandler((Statement) result, sql));
                default -> result;
            };
        }
    }

    private record StatementHandler(Statement statement, String preparedSql) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().startsWith("execute")) {
                SqlCounter.executed(args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql);
            }
            return CountingDriver.invoke(statement, method, args);
        }
    }
}
