package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * paycli restore through bin/paycli between two bin/paycli sandbox processes, with kubectl as the judge: a restore
 * killed with SIGKILL halfway, rerun with --resume, completes with every app deployed exactly once; a further run
 * writes nothing, as the target sandbox counts.
 */
class RestoreIT {
    private static final Map<String, List<String>> APPS = Map.of("shop", List.of("shop-1", "shop-2", "shop-3"),
            "promo", List.of("promo-1", "promo-2", "promo-3"));
    private static final Pattern RESTORED = Pattern.compile("(?m)^    (\\S+): restored$");

    @TempDir
    Path tmp;
    Processes sourceProcesses;
    Processes targetProcesses;
    SandboxProcess source;
    SandboxProcess target;
    Path targetConfig;
    Path archive;

    @BeforeEach
    void start() throws Exception {
        sourceProcesses = new Processes(Files.createDirectories(tmp.resolve("source")));
        targetProcesses = new Processes(Files.createDirectories(tmp.resolve("target")));
        source = SandboxProcess.start(sourceProcesses, tmp.resolve("source"), "--port", "0", "--rollout-delay",
                "100ms");
        target = SandboxProcess.start(targetProcesses, tmp.resolve("target"), "--port", "0", "--rollout-delay",
                "300ms");
        // The new cluster has a context name of its own, so that its archive commits go to a folder of their own.
        targetConfig = tmp.resolve("rebuilt.kubeconfig");
        Files.writeString(targetConfig, Files.readString(target.kubeconfig()).replace("paycli-sandbox", "rebuilt"));
        archive = tmp.resolve("archive");
    }

    @AfterEach
    void stop() {
        source.close();
        target.close();
    }

    /** Deploys the apps into the source, three at a time, in-process: the restore is what runs through bin/paycli. */
    private void deploySource() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<Cli.Result>> deploys = new ArrayList<>();
            for (Map.Entry<String, List<String>> ns : APPS.entrySet()) {
                // Made first: deploys of one namespace run at once here, and each would create it.
                source.kubectlOut("create", "namespace", ns.getKey());
                for (String app : ns.getValue()) {
                    Path dir = Examples.copy("web", tmp.resolve("apps").resolve(app));
                    Path yaml = dir.resolve("paycli.yaml");
                    Files.writeString(yaml, Files.readString(yaml).replaceFirst("(?m)^app: .*$", "app: " + app)
                            .replace("namespace: promotion-beta", "namespace: " + ns.getKey()));
                    deploys.add(pool.submit(() -> Cli.run("deploy", "-f", dir.toString(), "-e", "beta", "-t",
                            "1.0.0", "--kubeconfig", source.kubeconfig().toString(), "--context", "paycli-sandbox",
                            "--archive", archive.toString())));
                }
            }
            for (java.util.concurrent.Future<Cli.Result> deploy : deploys) {
                Cli.Result r = deploy.get();
                assertThat(r.exit()).as(r.toString()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String[] restore(String... extra) {
        List<String> args = new ArrayList<>(List.of("restore", "--from", "paycli-sandbox", "--to-context", "rebuilt",
                "--kubeconfig", targetConfig.toString(), "--archive", archive.toString(), "--parallel", "2"));
        args.addAll(Arrays.asList(extra));
        return args.toArray(String[]::new);
    }

    /** The release records in the target, as app → revisions, read by kubectl. */
    private Map<String, List<String>> records() throws Exception {
        Map<String, List<String>> records = new TreeMap<>();
        for (String ns : APPS.keySet()) {
            Processes.Run run = targetProcesses.kubectl(targetConfig, "get", "secrets", "-n", ns, "-l",
                    "paycli.io/release-of", "-o", "jsonpath={range .items[*]}{.metadata.labels.paycli\\.io/release-of}"
                            + "={.metadata.labels.paycli\\.io/revision}{\"\\n\"}{end}");
            if (run.exit() != 0 && run.err().contains("NotFound")) {
                continue;
            }
            assertThat(run.exit()).as(run.toString()).isZero();
            run.out().lines().filter(l -> !l.isBlank()).forEach(l -> records.computeIfAbsent(l.split("=")[0],
                    k -> new ArrayList<>()).add(l.split("=")[1]));
        }
        return records;
    }

    private long writes() throws Exception {
        Matcher server = Pattern.compile("server: (\\S+)").matcher(Files.readString(targetConfig));
        assertThat(server.find()).isTrue();
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.group(1) + "/sandbox/writes")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher count = Pattern.compile("\"writes\":(\\d+)").matcher(reply.body());
        assertThat(count.find()).as(reply.body()).isTrue();
        return Long.parseLong(count.group(1));
    }

    @Test
    void aRestoreKilledHalfwayAndResumedDeploysEveryAppExactlyOnce() throws Exception {
        deploySource();

        Process first = targetProcesses.start(Processes.JAR, "restore", restore());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (first.isAlive() && System.nanoTime() < end
                && RESTORED.matcher(targetProcesses.read("restore", "err")).results().count() < 2) {
            Thread.sleep(20);
        }
        first.descendants().forEach(ProcessHandle::destroyForcibly);
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> doneBeforeKill = RESTORED.matcher(targetProcesses.read("restore", "err")).results()
                .map(m -> m.group(1)).toList();
        assertThat(doneBeforeKill).as(targetProcesses.read("restore", "err")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(records()).as("killed halfway").hasSizeLessThan(6);

        Processes.Run resumed = targetProcesses.paycli(restore("--resume"));

        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        for (String app : doneBeforeKill) {
            assertThat(resumed.err()).as(resumed.toString()).contains("    " + app + ": unchanged");
        }
        Map<String, List<String>> records = records();
        assertThat(records).as("one record per app, each revision 1: no app deployed twice").hasSize(6)
                .allSatisfy((app, revisions) -> assertThat(revisions).containsExactly("1"));
        for (Map.Entry<String, List<String>> ns : APPS.entrySet()) {
            Processes.Run deployments = targetProcesses.kubectl(targetConfig, "get", "deployments", "-n", ns.getKey(),
                    "-o", "jsonpath={range .items[*]}{.metadata.name}={.status.readyReplicas} {end}");
            assertThat(deployments.exit()).as(deployments.toString()).isZero();
            String ready = deployments.out();
            for (String app : ns.getValue()) {
                assertThat(ready).contains(app + "=1");
            }
        }

        long before = writes();
        Processes.Run again = targetProcesses.paycli(restore("-o", "json"));
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).doesNotContain("\"restored\"").contains("\"unchanged\"");
        assertThat(writes()).as("a further run writes nothing").isEqualTo(before);
    }
}
