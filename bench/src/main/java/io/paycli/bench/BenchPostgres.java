package io.paycli.bench;

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
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for the agent benchmark: initdb and pg_ctl (as the postgres user when the benchmark
 * runs as root, since initdb refuses root) on a data directory in a temp dir, on a free port of 127.0.0.1, with
 * trust authentication. Unlike the tests' server it keeps PostgreSQL's durable defaults (fsync, synchronous
 * commit, full page writes): the benchmark should pay for commits as a production database does.
 */
final class BenchPostgres implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final boolean root;
    private final int port;

    private BenchPostgres(Path bin, Path dir, boolean root, int port) {
        this.bin = bin;
        this.dir = dir;
        this.root = root;
        this.port = port;
    }

    static BenchPostgres start() throws IOException {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("paycli-bench-pg");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(dir, List.of("chown", "postgres:postgres", dir.toString()), false);
        }
        run(dir, List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--no-sync"), root);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1";
        run(dir, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-o", options, "-w", "start"), root);
        BenchPostgres server = new BenchPostgres(bin, dir, root, port);
        try (Connection c = DriverManager.getConnection(server.url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE paycli_agent");
        } catch (SQLException e) {
            server.close();
            throw new IOException("cannot create the benchmark's database: " + e.getMessage(), e);
        }
        return server;
    }

    /** The JDBC URL of the agent's (empty) database. */
    String agentUrl() {
        return url("paycli_agent");
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    @Override
    public void close() throws IOException {
        try {
            run(dir, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast",
                    "-w", "stop"), root);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The newest PostgreSQL found under /usr/lib/postgresql/VERSION/bin, else initdb on the PATH's /usr/local/bin. */
    private static Path binaries() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb"))).forEach(found::add);
            }
        }
        return found.stream().max(Comparator.comparingDouble(b -> version(b.getParent().getFileName().toString())))
                .or(() -> Stream.of(Path.of("/usr/local/bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .findFirst())
                .orElseThrow(() -> new IOException("the agent benchmark needs PostgreSQL's initdb and pg_ctl, under "
                        + "/usr/lib/postgresql/*/bin or /usr/local/bin; run apt-get install postgresql"));
    }

    private static double version(String name) {
        try {
            return Double.parseDouble(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void run(Path dir, List<String> command, boolean asPostgres) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("paycli-bench-pg", ".out");
        try {
            Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (p.waitFor() != 0) {
                Path log = dir.resolve("server.log");
                throw new IOException(String.join(" ", full) + " exited " + p.exitValue() + ": "
                        + Files.readString(output) + (Files.isRegularFile(log) ? Files.readString(log) : ""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", full), e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
