package io.paycli.bench;

import io.paycli.core.archive.ArchiveApps;
import io.paycli.core.archive.ArchiveSettings;
import io.paycli.core.archive.ArchiveSink;
import io.paycli.core.archive.ArchiveSnapshot;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.deploy.DeployOptions;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.deploy.ReleaseSink;
import io.paycli.core.deploy.RestoreOptions;
import io.paycli.core.deploy.RestoreReport;
import io.paycli.core.deploy.RestoredApp;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a restore's time goes: {@link DeployService#restore} in this JVM (no process start), into fresh sandboxes,
 * with and without the archive commit and the simulated rollout step, and the time of each app split by the step
 * whose event ended each interval.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.paycli.bench.RestoreProfile ARCHIVE GLOB}, ARCHIVE being
 * an archive RestoreBench made (its source cluster is {@code paycli-sandbox}) and GLOB the apps to restore.
 */
public final class RestoreProfile {
    private RestoreProfile() {
    }

    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args[0]).toAbsolutePath();
        String glob = args[1];
        Path work = Files.createTempDirectory("paycli-restore-profile");
        System.err.println("load average before: " + Files.readString(Path.of("/proc/loadavg")).trim());
        run(work, archive, "web-00?", 8, true, 200, false);
        System.out.println("| in-process restore | apps | parallel | archive commit | rollout step ms | wall s"
                + " | s per app | mean app duration s | CPU s (sandbox included) | not restored |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        List<Map<String, Long>> steps = new ArrayList<>();
        steps.add(run(work, archive, glob, 1, true, 200, true));
        steps.add(run(work, archive, glob, 8, true, 200, true));
        steps.add(run(work, archive, glob, 8, false, 200, true));
        steps.add(run(work, archive, glob, 8, false, 0, true));
        steps.add(run(work, archive, glob, 32, false, 0, true));
        System.out.println();
        System.out.println("Mean ms per app, by the step whose event ended the interval (same runs, same order):");
        System.out.println();
        for (Map<String, Long> s : steps) {
            System.out.println("- " + s);
        }
        System.err.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private static Map<String, Long> run(Path work, Path archive, String glob, int parallel, boolean archiving,
                                         long rolloutMs, boolean print) throws Exception {
        Path copy = work.resolve("archive-" + System.nanoTime());
        new Processes(work, work.resolve("home")).run(Map.of(), "cp", "-a", archive.toString(), copy.toString());
        ArchiveSettings settings = ArchiveSettings.local(copy);
        ArchiveSnapshot snapshot = ArchiveApps.read(settings, Sandbox.DEFAULT_CONTEXT, glob, w -> { });
        SandboxSettings sandboxSettings = SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(rolloutMs));
        try (Sandbox sandbox = Sandbox.start(0, sandboxSettings)) {
            Path kubeconfig = sandbox.writeKubeconfig(work.resolve("kubeconfig"), "restore-target");
            List<ReleaseSink> sinks = archiving ? List.of(new ArchiveSink(settings)) : List.of();
            DeployService service = new DeployService(Catalog::builtin, new TemplateEngine(),
                    new KubeconfigConnector(kubeconfig), sinks, Clock.systemUTC());
            Intervals intervals = new Intervals();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            RestoreReport report = service.restore(snapshot, new RestoreOptions("restore-target", Map.of(), parallel,
                    false, false, DeployOptions.defaults("bench")), intervals::accept);
            long nanos = System.nanoTime() - start;
            List<RestoredApp> failed = report.apps().stream()
                    .filter(a -> a.outcome() != RestoredApp.Outcome.RESTORED).toList();
            int apps = report.apps().size();
            double mean = report.apps().stream().mapToLong(a -> a.duration().toMillis()).average().orElse(0) / 1000;
            if (print) {
                System.out.printf("| | %d | %d | %s | %d | %.1f | %.3f | %.2f | %.1f | %s |%n", apps, parallel,
                        archiving ? "yes" : "no", rolloutMs, nanos / 1e9, nanos / 1e9 / apps, mean,
                        (os.getProcessCpuTime() - cpu) / 1e9, failed.isEmpty() ? "none"
                                : failed.size() + ", e.g. " + failed.get(0).result());
            }
            return intervals.perApp(apps);
        }
    }

    /** Sums, over all apps, the time between an app's consecutive events, under the step of the later event. */
    private static final class Intervals {
        private final Map<String, Long> last = new ConcurrentHashMap<>();
        private final Map<String, Long> byStep = new ConcurrentHashMap<>();

        void accept(DeployEvent e) {
            long now = System.nanoTime();
            String app = e.step() == Step.RESTORE && e.object() != null
                    ? e.object().namespace() + "/" + e.object().name() + ": "
                    : e.message() == null || !e.message().contains(": ") ? null
                    : e.message().substring(0, e.message().indexOf(": ") + 2);
            if (app == null || e.kind() == Kind.MANIFESTS) {
                return;
            }
            Long before = last.put(app, now);
            if (before != null) {
                String step = e.step() == Step.RESTORE ? "RESTORE end" : e.step() + " " + e.kind();
                byStep.merge(step, now - before, Long::sum);
            }
        }

        Map<String, Long> perApp(int apps) {
            Map<String, Long> mean = new TreeMap<>();
            byStep.forEach((step, nanos) -> mean.put(step, nanos / apps / 1_000_000));
            return mean;
        }
    }
}
