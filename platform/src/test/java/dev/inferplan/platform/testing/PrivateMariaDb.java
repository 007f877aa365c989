package dev.inferplan.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A MariaDB server of the test's own (its own data directory and port), for fault-injection tests
 * that kill and restart the database under a running service: the shared server at 3306 is never
 * touched. Needs {@code mariadbd} and {@code mariadb-install-db} (the Debian {@code mariadb-server}
 * package, which CI installs); without them the test is skipped, or fails under
 * {@code inferplan.mariadb.required=true}.
 */
public final class PrivateMariaDb implements AutoCloseable {

    private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");

    private final Path dataDir;
    private final int port;
    private Process process;

    private PrivateMariaDb(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Installs a fresh data directory under {@code target/} and starts the server on a free port. */
    public static PrivateMariaDb start(String name) {
        boolean present = Files.isExecutable(SERVER) && Files.isExecutable(INSTALL);
        if (!present) {
            String why = "MariaDB's server binaries (" + SERVER + ", " + INSTALL + ") are not installed";
            if (Boolean.getBoolean("inferplan.mariadb.required")) {
                throw new IllegalStateException(why + "; the fault-injection tests need them in CI");
            }
            Assumptions.abort(why + ": skipping the database fault-injection test");
        }
        try {
            Path dataDir = Path.of("target", "mariadb-" + name).toAbsolutePath();
            if (Files.exists(dataDir)) {
                try (var paths = Files.walk(dataDir)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dataDir);
            run(List.of(INSTALL.toString(), "--no-defaults", "--datadir=" + dataDir.resolve("data"),
                    "--user=" + System.getProperty("user.name"), "--auth-root-authentication-method=normal",
                    "--skip-test-db"), dataDir.resolve("install.log"));
            PrivateMariaDb db = new PrivateMariaDb(dataDir, freePort());
            db.startServer();
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** Creates the database (root, empty password, as on the shared server). */
    public void createDatabase(String database) {
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + database + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + database, e);
        }
    }

    /** Kills the server at once (SIGKILL: no clean shutdown, as a crash or a lost node). */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /**
     * Kills the server, leaves it down for the given time, and starts it again on the same port and
     * data directory (crash recovery runs).
     */
    public void restart(Duration down) {
        kill();
        try {
            Thread.sleep(down.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        startServer();
    }

    private void startServer() {
        try {
            process = new ProcessBuilder(SERVER.toString(), "--no-defaults", "--datadir=" + dataDir.resolve("data"),
                    "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dataDir.resolve("mariadb.sock"),
                    "--pid-file=" + dataDir.resolve("mariadb.pid"), "--user=" + System.getProperty("user.name"),
                    "--skip-name-resolve", "--innodb-buffer-pool-size=64M", "--max-connections=200")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + SERVER, e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try (Connection ignored = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "")) {
                return;
            } catch (SQLException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the private MariaDB did not start; see " + dataDir.resolve("server.log"), notYet);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Override
    public void close() {
        kill();
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
