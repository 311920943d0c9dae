package io.paycli.bench;

import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.deploy.DeployOptions;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployRequest;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import io.paycli.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Deploys the same apps to a sandbox API server with {@code bin/paycli deploy} and with
 * {@code kubectl apply --server-side} plus {@code kubectl rollout status}, one process after
 * another as CI would run them, and through DeployService in one JVM as the agent runs them, and
 * counts the API requests each deploy makes at the server.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.paycli.bench.DeployBench ROOT APPS...}
 * where ROOT is the repository and each APPS value is a number of apps (1 50). With
 * {@code -Dbench.processes=false} it leaves out {@code bin/paycli deploy}, one process per app.
 */
public final class DeployBench {
    private static final boolean PROCESSES = !"false".equals(System.getProperty("bench.processes"));

    private DeployBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        System.out.println("| tool | apps | wall s | s per app | API requests per app | ratio (paycli / kubectl) |");
        System.out.println("|---|---|---|---|---|---|");
        for (String n : Arrays.copyOfRange(args, 1, args.length)) {
            run(root, Integer.parseInt(n));
        }
    }

    private static void run(Path root, int apps) throws Exception {
        Path work = Files.createTempDirectory("paycli-bench");
        List<Path> dirs = new ArrayList<>();
        for (int i = 1; i <= apps; i++) {
            dirs.add(app(root.resolve("examples/web"), work.resolve(String.format("web-%02d", i)), i));
        }
        Measure paycli;
        Measure inProcess;
        Measure kubectl;
        try (Sandbox sandbox = Sandbox.start(0)) {
            Path kubeconfig = sandbox.writeKubeconfig(work.resolve("kubeconfig"), Sandbox.DEFAULT_CONTEXT);
            exec(root, Map.of("KUBECONFIG", kubeconfig.toString()), "kubectl", "create", "namespace", "bench-paycli");
            exec(root, Map.of("KUBECONFIG", kubeconfig.toString()), "kubectl", "create", "namespace", "bench-kubectl");
            exec(root, Map.of("KUBECONFIG", kubeconfig.toString()), "kubectl", "create", "namespace", "bench-inprocess");
            exec(root, Map.of("KUBECONFIG", kubeconfig.toString()), "kubectl", "create", "namespace", "bench-warmup");
            List<Path> rendered = new ArrayList<>();
            for (Path dir : dirs) {
                Path out = dir.resolve("rendered");
                exec(root, Map.of(), root.resolve("bin/paycli").toString(), "render", "-f", dir.toString(), "-e", "beta",
                        "-t", "1.0.0", "--namespace", "bench-kubectl", "--output-dir", out.toString());
                rendered.add(out);
            }
            sandbox.resetCounters();
            long start = System.nanoTime();
            for (Path dir : PROCESSES ? dirs : List.<Path>of()) {
                exec(root, Map.of("KUBECONFIG", kubeconfig.toString()), root.resolve("bin/paycli").toString(), "deploy",
                        "-f", dir.toString(), "-e", "beta", "-t", "1.0.0", "--context", Sandbox.DEFAULT_CONTEXT,
                        "--namespace", "bench-paycli");
            }
            paycli = new Measure(System.nanoTime() - start, sandbox.requests().total());
            inProcess = inProcess(sandbox, kubeconfig, dirs);
            sandbox.resetCounters();
            start = System.nanoTime();
            for (int i = 0; i < dirs.size(); i++) {
                Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString());
                exec(root, env, "kubectl", "apply", "--server-side", "--validate=false", "-n", "bench-kubectl",
                        "-f", rendered.get(i).toString());
                exec(root, env, "kubectl", "rollout", "status", "-n", "bench-kubectl", "--timeout=60s",
                        "deployment/" + dirs.get(i).getFileName());
            }
            kubectl = new Measure(System.nanoTime() - start, sandbox.requests().total());
        }
        double ratio = paycli.nanos / (double) kubectl.nanos;
        if (PROCESSES) {
            print("paycli deploy, one process per app", apps, paycli, String.format("%.2f", ratio));
        }
        print("paycli DeployService, one process for all (as the agent runs)", apps, inProcess,
                String.format("%.2f", inProcess.nanos / (double) kubectl.nanos));
        print("kubectl apply --server-side + rollout status", apps, kubectl, "1.00");
    }

    private record Measure(long nanos, long requests) {
    }

    /** The same deploys through DeployService in this JVM, warmed up by one deploy first. */
    private static Measure inProcess(Sandbox sandbox, Path kubeconfig, List<Path> dirs) {
        DeployService service = new DeployService(Catalog::builtin, new TemplateEngine(),
                new KubeconfigConnector(kubeconfig), List.of(), Clock.systemUTC());
        DeployOptions options = new DeployOptions(Duration.ofMinutes(1), true, true, false, false, "bench");
        Consumer<DeployEvent> quiet = e -> { };
        service.deploy(request(dirs.get(0), "0.9.0", "bench-warmup"), options, quiet);
        sandbox.resetCounters();
        long start = System.nanoTime();
        for (Path dir : dirs) {
            service.deploy(request(dir, "1.0.0", "bench-inprocess"), options, quiet);
        }
        return new Measure(System.nanoTime() - start, sandbox.requests().total());
    }

    private static DeployRequest request(Path dir, String tag, String namespace) {
        return new DeployRequest(dir, "beta", tag, List.of(), Sandbox.DEFAULT_CONTEXT, namespace);
    }

    private static void print(String tool, int apps, Measure m, String ratio) {
        System.out.printf("| %s | %d | %.1f | %.2f | %.1f | %s |%n", tool, apps, m.nanos / 1e9, m.nanos / 1e9 / apps,
                m.requests / (double) apps, ratio);
    }

    /** A copy of the web example named web-NN, with its own config and an Ingress host of its own. */
    static Path app(Path example, Path target, int i) throws IOException {
        try (Stream<Path> files = Files.walk(example)) {
            for (Path p : files.toList()) {
                Path dest = target.resolve(example.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
        Path yaml = target.resolve("paycli.yaml");
        String name = target.getFileName().toString();
        Files.writeString(yaml, Files.readString(yaml).replace("app: campaign-web", "app: " + name)
                .replace("campaign.beta.example.com", name + ".beta.example.com"));
        Files.writeString(target.resolve("config/common/instance.properties"), "instance=" + i + "\n");
        return target;
    }

    static void exec(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("HOME", dir.resolve("bench/target").toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
