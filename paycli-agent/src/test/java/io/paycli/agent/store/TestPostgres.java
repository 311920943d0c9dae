package io.paycli.agent.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for the tests, started once per test JVM and stopped at its exit: initdb and pg_ctl
 * from /usr/lib/postgresql/VERSION/bin (as the postgres user when the tests run as root, since initdb refuses root),
 * a data directory in a temp dir, a free port on 127.0.0.1, trust authentication, no fsync. With
 * PAYCLI_TEST_POSTGRES_URL set (a JDBC URL of a database whose user may CREATE DATABASE) that server is used instead.
 * Every caller of {@link #newDatabaseUrl()} gets a database of its own, so tests are independent.
 */
final class TestPostgres {
    static final String URL_VARIABLE = "PAYCLI_TEST_POSTGRES_URL";
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(.*)$");
    private static TestPostgres instance;

    private final String adminUrl;

    private TestPostgres(String adminUrl) {
        this.adminUrl = adminUrl;
    }

    static synchronized TestPostgres get() {
        if (instance == null) {
            String external = System.getenv(URL_VARIABLE);
            instance = new TestPostgres(external != null && !external.isBlank() ? external : startLocal());
        }
        return instance;
    }

    /** The JDBC URL of a new, empty database on the server. */
    String newDatabaseUrl() {
        String name = "paycli_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("test PostgreSQL " + Database.redact(adminUrl) + ": cannot create a "
                    + "database: " + e.getMessage(), e);
        }
        Matcher m = URL.matcher(adminUrl);
        if (!m.matches()) {
            throw new IllegalStateException(URL_VARIABLE + " is not a jdbc:postgresql://HOST:PORT/DB URL: "
                    + Database.redact(adminUrl));
        }
        return m.group(1) + name + m.group(3);
    }

    private static String startLocal() {
        Path bin = findBinaries();
        try {
            Path dir = Files.createTempDirectory("paycli-test-pg");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(dir, List.of("chown", "postgres:postgres", dir.toString()), false);
            }
            Path data = dir.resolve("data");
            run(dir, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--no-sync"), root);
            int port = freePort();
            String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off "
                    + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
            run(dir, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    dir.resolve("server.log").toString(), "-o", options, "-w", "start"), root);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(bin, dir, root), "test-postgres-stop"));
            return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a test PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static Path findBinaries() {
        Path base = Path.of("/usr/lib/postgresql");
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .forEach(found::add);
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + base + ": " + e.getMessage(), e);
            }
        }
        // The newest major version: compare numerically, so 15 comes after 9.6.
        return found.stream()
                .max(Comparator.comparingDouble(b -> parseVersion(b.getParent().getFileName().toString())))
                .orElseThrow(() -> new IllegalStateException("the tests need a PostgreSQL server: no initdb and "
                        + "pg_ctl under /usr/lib/postgresql/*/bin; run apt-get install postgresql, or set "
                        + URL_VARIABLE + " to a server's JDBC URL"));
    }

    private static double parseVersion(String name) {
        try {
            return Double.parseDouble(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void stop(Path bin, Path dir, boolean root) {
        try {
            run(dir, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m",
                    "immediate", "-w", "stop"), root);
        } catch (RuntimeException | IOException e) {
            // The JVM is exiting: nothing left to report to.
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left in the temp directory.
        }
    }

    private static void run(Path dir, List<String> command, boolean asPostgres) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("paycli-test-pg", ".out");
        try {
            Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            int exit = p.waitFor();
            if (exit != 0) {
                String log = Files.isRegularFile(dir.resolve("server.log"))
                        ? Files.readString(dir.resolve("server.log")) : "";
                throw new IllegalStateException(String.join(" ", full) + " exited " + exit + ": "
                        + Files.readString(output) + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", full), e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
