package dev.inferplan.catalog.versions;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * A JDBC driver for tests that counts the statements executed through it: {@code jdbc:counting:<url>}
 * delegates to the real driver of {@code jdbc:<url>}. Counts everything, JPA's statements and plain JDBC alike.
 */
public final class CountingDriver implements Driver {

    static final String PREFIX = "jdbc:counting:";
    static final AtomicLong EXECUTED = new AtomicLong();
    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

    static {
        try {
            DriverManager.registerDriver(new CountingDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public static long executed() {
        return EXECUTED.get();
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Connection connection = DriverManager.getConnection("jdbc:" + url.substring(PREFIX.length()), info);
        return proxy(Connection.class, connection);
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, T target) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            Object result = invoke(method, target, arguments);
            if (type == Connection.class && result instanceof Statement statement) {
                Class<? extends Statement> kind = method.getName().equals("prepareCall") ? java.sql.CallableStatement.class
                        : method.getName().equals("prepareStatement") ? java.sql.PreparedStatement.class : Statement.class;
                return proxy((Class<Statement>) kind, statement);
            }
            if (type != Connection.class && EXECUTES.contains(method.getName())) {
                EXECUTED.incrementAndGet();
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(CountingDriver.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Method method, Object target, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
