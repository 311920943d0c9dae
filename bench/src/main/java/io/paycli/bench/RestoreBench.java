package io.paycli.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Restores the apps of one archived cluster into fresh, empty sandboxes, in the same run: with
 * {@code bin/paycli restore --parallel 1} and {@code --parallel 8} (whole processes), and with
 * {@code kubectl apply --server-side} over the same archived manifests, one process per app as a shell loop runs
 * it, and one process for the whole folder. It counts the API requests each makes at the sandbox and checks,
 * through the API, that every app's Deployment is available.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.paycli.bench.RestoreBench ROOT APPS [ROLLOUT_MS]},
 * ROLLOUT_MS being the target sandboxes' simulated rollout step (default: the sandbox's own, 200 ms).
 */
public final class RestoreBench {
    private static final String TARGET = "restore-target";
    private static final Duration HEALTH_LIMIT = Duration.ofMinutes(3);

    private final Path root;
    private final Path work;
    private final int apps;
    private final SandboxSettings settings;
    private final Set<String> expected = new LinkedHashSet<>();

    private RestoreBench(Path root, Path work, int apps, SandboxSettings settings) {
        this.root = root;
        this.work = work;
        this.apps = apps;
        this.settings = settings;
        for (int i = 1; i <= apps; i++) {
            expected.add(RestoreSource.namespace(i) + "/" + RestoreSource.appName(i));
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        int apps = Integer.parseInt(args[1]);
        SandboxSettings settings = SandboxSettings.defaults();
        if (args.length > 2) {
            settings = settings.withRolloutDelay(Duration.ofMillis(Long.parseLong(args[2])));
        }
        Path work = Files.createTempDirectory("paycli-restore-bench");
        Files.createDirectories(root.resolve("bench/target"));
        new RestoreBench(root, work, apps, settings).run();
    }

    private void run() throws Exception {
        System.err.println("load average before: " + Files.readString(Path.of("/proc/loadavg")).trim());
        long start = System.nanoTime();
        Path archive = work.resolve("archive");
        RestoreSource.build(root, work, archive, apps);
        Path folder = archive.resolve(Sandbox.DEFAULT_CONTEXT);
        List<Path> manifests;
        try (Stream<Path> files = Files.walk(folder)) {
            manifests = files.filter(p -> p.getFileName().toString().equals("manifests.yaml")).sorted().toList();
        }
        Path only = work.resolve("manifests-only");
        for (Path m : manifests) {
            Path dest = only.resolve(folder.relativize(m).toString());
            Files.createDirectories(dest.getParent());
            Files.copy(m, dest);
        }
        System.err.printf("setup: %d apps deployed and archived in %.0f s; the archive (kept, for RestoreProfile): %s%n",
                apps, (System.nanoTime() - start) / 1e9, archive);
        warmUp(archive);

        Processes kubectl = new Processes(root, work.resolve("home"));
        List<Row> rows = new ArrayList<>();
        rows.add(measure("`kubectl apply --server-side -f`, one process per app, sequential", true, (k, r) -> {
            int failed = 0;
            for (Path m : manifests) {
                failed += kubectl.run(Map.of("KUBECONFIG", k.toString()), "kubectl", "apply", "--server-side", "-f",
                        m.toString()).exit() == 0 ? 0 : 1;
            }
            return failed;
        }));
        rows.add(measure("`kubectl apply --server-side -R -f` the folder, one process", true, (k, r) ->
                kubectl.run(Map.of("KUBECONFIG", k.toString()), "kubectl", "apply", "--server-side", "-R", "-f",
                        only.toString()).exit()));
        for (int parallel : new int[] {1, 8}) {
            rows.add(measure("`bin/paycli restore --parallel " + parallel + "`", false, (k, r) -> {
                Processes.Result result = restore(archive, k, parallel);
                r.add(perApp(result.stdout()));
                return result.exit();
            }));
        }
        rows.add(measure("`kubectl apply --server-side -f` + `kubectl rollout status`, per app, sequential", true,
                (k, r) -> {
                    int failed = 0;
                    for (Path m : manifests) {
                        Map<String, String> env = Map.of("KUBECONFIG", k.toString());
                        Path app = m.getParent();
                        failed += kubectl.run(env, "kubectl", "apply", "--server-side", "-f", m.toString()).exit()
                                + kubectl.run(env, "kubectl", "rollout", "status", "--timeout=120s", "-n",
                                        app.getParent().getFileName().toString(), "deployment/" + app.getFileName())
                                        .exit() == 0 ? 0 : 1;
                    }
                    return failed;
                }));
        print(rows);
        System.err.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /** One restore of one app, so that the launcher's class-data archive is recorded before anything is timed. */
    private void warmUp(Path archive) throws Exception {
        try (Sandbox sandbox = Sandbox.start(0, settings)) {
            Path kubeconfig = sandbox.writeKubeconfig(work.resolve("warmup-kubeconfig"), TARGET);
            Path copy = copyArchive(archive, "warmup");
            new Processes(root, work.resolve("home")).run(Map.of("PAYCLI_USER", "bench"),
                    root.resolve("bin/paycli").toString(), "restore", "--from", Sandbox.DEFAULT_CONTEXT,
                    "--to-context", TARGET, "--kubeconfig", kubeconfig.toString(), "--apps",
                    RestoreSource.appName(1), "--archive", copy.toString());
        }
    }

    private Processes.Result restore(Path archive, Path kubeconfig, int parallel) throws Exception {
        // Each restore commits to the archive under the target's context: a copy keeps the runs independent.
        Path copy = copyArchive(archive, "p" + parallel);
        return new Processes(root, work.resolve("home")).run(Map.of("PAYCLI_USER", "bench"),
                root.resolve("bin/paycli").toString(), "restore", "--from", Sandbox.DEFAULT_CONTEXT, "--to-context",
                TARGET, "--kubeconfig", kubeconfig.toString(), "--parallel", String.valueOf(parallel), "--archive",
                copy.toString(), "-o", "json");
    }

    private Path copyArchive(Path archive, String name) throws Exception {
        Path copy = work.resolve("archive-" + name);
        new Processes(root, work.resolve("home")).run(Map.of(), "cp", "-a", archive.toString(), copy.toString());
        return copy;
    }

    /** The mean of the per-app durations the restore reports, and how many apps it restored. */
    private static String perApp(String json) {
        JsonNode report = JsonMapper.builder().build().readTree(json);
        long sum = 0;
        int restored = 0;
        for (JsonNode app : report.path("apps")) {
            sum += app.path("durationMillis").asLong();
            restored += "restored".equals(app.path("result").asText()) ? 1 : 0;
        }
        int count = Math.max(1, report.path("apps").size());
        return String.format("%d restored, mean per-app duration %.2f s", restored, sum / 1000.0 / count);
    }

    interface Run {
        int run(Path kubeconfig, List<String> notes) throws Exception;
    }

    private Row measure(String tool, boolean createNamespaces, Run run) throws Exception {
        try (Sandbox sandbox = Sandbox.start(0, settings)) {
            Path kubeconfig = sandbox.writeKubeconfig(work.resolve("target-kubeconfig"), TARGET);
            List<String> notes = new ArrayList<>();
            if (createNamespaces) {
                long ns = System.nanoTime();
                Processes processes = new Processes(root, work.resolve("home"));
                for (int n = 0; n < RestoreSource.NAMESPACES; n++) {
                    processes.run(Map.of("KUBECONFIG", kubeconfig.toString()), "kubectl", "create", "namespace",
                            RestoreSource.namespace(n));
                }
                notes.add(String.format("%d namespaces created first with `kubectl create namespace`, %.1f s, not"
                        + " counted", RestoreSource.NAMESPACES, (System.nanoTime() - ns) / 1e9));
            }
            sandbox.resetCounters();
            System.err.println("running: " + tool);
            long start = System.nanoTime();
            int exit = run.run(kubeconfig, notes);
            long nanos = System.nanoTime() - start;
            long requests = sandbox.requests().total();
            try (KubernetesClient client = DeploymentHealth.client(kubeconfig)) {
                int atExit = DeploymentHealth.available(client, expected);
                int ready = atExit;
                while (ready < apps && System.nanoTime() - start < HEALTH_LIMIT.toNanos()) {
                    Thread.sleep(100);
                    ready = DeploymentHealth.available(client, expected);
                }
                double allReady = ready == apps ? (System.nanoTime() - start) / 1e9 : Double.NaN;
                Row row = new Row(tool, nanos, requests, exit, atExit, allReady, notes);
                System.err.println("  " + row.line(apps, nanos));
                return row;
            }
        }
    }

    private void print(List<Row> rows) {
        long base = rows.get(0).nanos();
        System.out.println("| tool | wall s | s per app | API requests | requests per app | exit | Deployments"
                + " available at exit | all available after s | ratio to sequential kubectl |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            System.out.println(row.line(apps, base));
        }
        System.out.println();
        for (Row row : rows) {
            for (String note : row.notes()) {
                System.out.println("- " + row.tool() + ": " + note);
            }
        }
    }

    private record Row(String tool, long nanos, long requests, int exit, int availableAtExit, double allAvailable,
                       List<String> notes) {
        String line(int apps, long base) {
            return String.format("| %s | %.1f | %.3f | %d | %.1f | %d | %d of %d | %s | %.2f |", tool, nanos / 1e9,
                    nanos / 1e9 / apps, requests, requests / (double) apps, exit, availableAtExit, apps,
                    Double.isNaN(allAvailable) ? "not within " + HEALTH_LIMIT.toMinutes() + " min"
                            : String.format("%.1f", allAvailable), nanos / (double) base);
        }
    }
}
