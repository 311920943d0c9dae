package io.paycli.bench;

import io.paycli.agent.auth.RequestSigner;
import io.paycli.agent.bundle.BundleWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The proxy agent under a burst of CI submits, all as processes: {@code bin/paycli sandbox} as the cluster,
 * {@code bin/paycli agent serve} on SQLite and then on a throwaway PostgreSQL, and this JVM as the CI side firing
 * signed dry-run deploy submits at once (see {@link SubmitBurst}), each of another app (bench-001 ...) so that none
 * waits behind another on one app and environment. Two bursts per agent: the first after its start (a cold JVM),
 * then a second one. Prints the results as Markdown for docs/benchmarks.md.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.paycli.bench.AgentBench ROOT [SUBMITS [WORKERS
 * [DATABASE...]]]} where ROOT is the repository, SUBMITS the burst's size (200), WORKERS the agent's workers (4) and
 * DATABASE sqlite, sqlite?PRAGMA=VALUE (such as sqlite?synchronous=NORMAL) and/or postgresql (sqlite postgresql).
 */
public final class AgentBench {
    private static final String KEY = "paycli-bench-key-0123456789abcdef0123456789";
    private static final Pattern LISTENING = Pattern.compile("paycli agent listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final double P99_TARGET_MS = 100;
    /** Javalin's Jetty request threads (JettyServerThreadPool-N), as /proc shows their names. */
    private static final String REQUEST_THREADS = "JettyServerThre";
    private static final double RSS_TARGET_MIB = 512;

    private AgentBench() {
    }

    /**
     * @param submitCpu CPU ms per submit on the agent's request threads, in the second burst
     * @param jobCpu    CPU ms of the whole agent per submit, from the second burst's start to its last job's end
     */
    record Row(String database, SubmitBurst.Result cold, SubmitBurst.Result warm, SubmitBurst.Result alone,
               ServerProcess.Memory started, ServerProcess.Memory end, double submitCpu, double jobCpu) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        int submits = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        List<String> databases = args.length > 3 ? Arrays.asList(args).subList(3, args.length)
                : List.of("sqlite", "postgresql");
        Path work = Files.createTempDirectory("paycli-bench-agent");
        Path home = Files.createDirectories(work.resolve("home"));
        String loadBefore = loadAverage();
        List<byte[]> bundles = bundles(root, work.resolve("apps"), submits);
        List<Row> rows = new ArrayList<>();
        try (ServerProcess sandbox = ServerProcess.start(root, work, home, "sandbox", Map.of(), "sandbox", "--port",
                "0")) {
            sandbox.await(Pattern.compile("stop with Ctrl-C"));
            Path kubeconfig = home.resolve(".paycli/sandbox.kubeconfig");
            DeployBench.exec(root, Map.of("KUBECONFIG", kubeconfig.toString()), "kubectl", "create", "namespace",
                    "promotion-beta");
            for (String database : databases) {
                if (!database.equals("postgresql") && !database.startsWith("sqlite")) {
                    throw new IllegalArgumentException("not a database: " + database + "; use sqlite, "
                            + "sqlite?PRAGMA=VALUE or postgresql");
                }
                rows.add(run(root, work.resolve("db-" + rows.size()), home, kubeconfig, database, workers, bundles));
            }
        }
        print(rows, submits, workers, loadBefore);
        boolean failed = false;
        for (Row row : rows) {
            for (SubmitBurst.Result r : List.of(row.cold(), row.warm(), row.alone())) {
                r.errors().forEach(e -> System.err.println(row.database() + ": " + e));
                failed |= !r.errors().isEmpty();
            }
        }
        if (failed) {
            System.err.println("not every submit was accepted and succeeded; the agents' data and output are in "
                    + work);
            System.exit(1);
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Row run(Path root, Path dir, Path home, Path kubeconfig, String database, int workers,
                           List<byte[]> bundles) throws Exception {
        Files.createDirectories(dir);
        BenchPostgres postgres = database.equals("postgresql") ? BenchPostgres.start() : null;
        try {
            // sqlite?synchronous=NORMAL: the query goes onto the JDBC URL, as an operator would write it.
            String url = postgres != null ? postgres.agentUrl()
                    : "jdbc:sqlite:" + dir.resolve("agent-data/agent.db") + database.substring("sqlite".length());
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, """
                    listen: 127.0.0.1:0
                    dataDir: agent-data
                    database: %s
                    workers: %d
                    clients:
                      - id: bench
                        secretEnv: PAYCLI_CLIENT_BENCH
                        allow: [{apps: ["bench-*"], envs: [beta]}]
                    """.formatted(url, workers));
            try (ServerProcess agent = ServerProcess.start(root, dir, home, "agent", Map.of("KUBECONFIG",
                    kubeconfig.toString(), "PAYCLI_CLIENT_BENCH", KEY), "agent", "serve", "--config",
                    config.toString())) {
                URI uri = URI.create(agent.await(LISTENING).group(1));
                ServerProcess.Memory started = agent.memory();
                SubmitBurst burst = new SubmitBurst(uri, new RequestSigner("bench",
                        KEY.getBytes(StandardCharsets.UTF_8), Clock.systemUTC(), new SecureRandom()));
                SubmitBurst.Result cold = burst.run(bundles, "beta", "1.0.0", bundles.size());
                // The second burst's CPU: on the request threads while the submits ran (the polls come after), and
                // the whole agent's until its last job ended.
                ServerProcess.Cpu before = agent.cpu(REQUEST_THREADS);
                ServerProcess.Cpu[] submitted = new ServerProcess.Cpu[1];
                SubmitBurst.Result warm = burst.run(bundles, "beta", "1.0.1", bundles.size(), () -> {
                    try {
                        submitted[0] = agent.cpu(REQUEST_THREADS);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                ServerProcess.Cpu ended = agent.cpu(REQUEST_THREADS);
                double submitCpu = submitted[0].threadsSince(before) / (double) bundles.size();
                double jobCpu = (ended.processMillis() - before.processMillis()) / (double) bundles.size();
                // One at a time: what a submit costs the agent when it has nothing else to do but run jobs.
                SubmitBurst.Result alone = burst.run(bundles.subList(0, Math.min(50, bundles.size())), "beta",
                        "1.0.2", 1);
                return new Row(postgres != null ? "PostgreSQL" : "SQLite" + database.substring("sqlite".length()),
                        cold, warm, alone, started, agent.memory(), submitCpu, jobCpu);
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** One bundle per app: copies of the web example named bench-NNN, for the sandbox's context, packed before timing. */
    private static List<byte[]> bundles(Path root, Path apps, int count) throws IOException {
        List<byte[]> bundles = new ArrayList<>();
        BundleWriter writer = new BundleWriter();
        for (int i = 1; i <= count; i++) {
            Path app = DeployBench.app(root.resolve("examples/web"), apps.resolve(String.format("bench-%03d", i)), i);
            Path yaml = app.resolve("paycli.yaml");
            Files.writeString(yaml, Files.readString(yaml).replace("context: beta-cluster", "context: paycli-sandbox"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writer.write(app, out);
            bundles.add(out.toByteArray());
        }
        return bundles;
    }

    private static void print(List<Row> rows, int submits, int workers, String loadBefore) throws Exception {
        System.out.printf("%d signed dry-run deploy submits at once (one thread each, released together), each of "
                + "another app; the agent with %d workers.%n%n", submits, workers);
        System.out.println("| database | burst | submit p50 ms | submit p99 ms | submit max ms | submits/s "
                + "| jobs/s (" + workers + " workers) | job run p50 ms | succeeded |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            line(row.database(), "first, after start", row.cold(), submits);
            line(row.database(), "second", row.warm(), submits);
            line(row.database(), "then one at a time", row.alone(), row.alone().submits());
        }
        System.out.println();
        System.out.println("| database | RSS after start MiB | peak RSS (VmHWM) MiB | RSS at end MiB "
                + "| CPU ms per submit, request threads | CPU ms per job, whole agent |");
        System.out.println("|---|---|---|---|---|---|");
        for (Row row : rows) {
            System.out.printf("| %s | %s | %s | %s | %.1f | %.1f |%n", row.database(), row.started().rssMib(),
                    row.end().peakMib(), row.end().rssMib(), row.submitCpu(), row.jobCpu());
        }
        System.out.println();
        for (Row row : rows) {
            double p99 = Math.max(row.cold().latencyMillis(99), row.warm().latencyMillis(99));
            double peak = row.end().peakKib() / 1024.0;
            System.out.printf("%s: submit p99 %s the %.0f ms target (worst burst %.1f ms); peak RSS %s the %.0f MiB "
                    + "target (%.0f MiB).%n", row.database(), p99 < P99_TARGET_MS ? "meets" : "MISSES", P99_TARGET_MS,
                    p99, peak < RSS_TARGET_MIB ? "meets" : "MISSES", RSS_TARGET_MIB, peak);
        }
        System.out.println();
        System.out.printf("Machine: %d cores, %s; load average %s before, %s after (1, 5, 15 min).%n",
                Runtime.getRuntime().availableProcessors(), javaVersion(), loadBefore, loadAverage());
    }

    private static void line(String database, String burst, SubmitBurst.Result r, int submits) {
        System.out.printf("| %s | %s | %.1f | %.1f | %.1f | %.0f | %.1f | %d | %d of %d |%n", database, burst,
                r.latencyMillis(50), r.latencyMillis(99), r.latencyMillis(100), r.submitsPerSecond(),
                r.jobsPerSecond(), r.jobMillis().length == 0 ? 0 : r.jobMillis()[(r.jobMillis().length - 1) / 2],
                r.succeeded(), submits);
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private static String javaVersion() {
        return "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
    }
}
