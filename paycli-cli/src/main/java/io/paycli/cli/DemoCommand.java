package io.paycli.cli;

import io.paycli.core.deploy.DeployOptions;
import io.paycli.core.deploy.DeployResult;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.deploy.History;
import io.paycli.core.deploy.Status;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.DeployRequest;
import io.paycli.core.model.Release;
import io.paycli.sandbox.Sandbox;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo",
        header = "Deploy the examples to a sandbox and show what happens.",
        description = "The whole story against an in-memory sandbox API server: deploy every example app, show"
                + " status and history, then deploy a release that never becomes healthy and watch paycli roll it"
                + " back. Needs no cluster; a real cluster is what paycli is for.",
        mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
    private static final String[] APPS = {"web", "spring-boot-api", "worker", "batch"};

    @Spec
    CommandSpec spec;
    @Mixin
    CatalogOptions catalog;

    @Option(names = "--examples", paramLabel = "DIR", defaultValue = "examples",
            description = "The examples directory (default: ${DEFAULT-VALUE}).")
    Path examples;

    @Option(names = "--env", paramLabel = "ENV", defaultValue = "beta", description = "The environment to deploy (default: ${DEFAULT-VALUE}).")
    String env;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path kubeconfig = Files.createTempFile("paycli-demo", ".kubeconfig");
        try (Sandbox sandbox = Sandbox.start(0)) {
            sandbox.writeKubeconfig(kubeconfig, Sandbox.DEFAULT_CONTEXT);
            out.println("== a sandbox API server runs on " + sandbox.url() + " (in memory, not a real cluster)");
            out.flush();
            DeployService service = catalog.deployService(kubeconfig);
            EventPrinter events = new EventPrinter(err, System.console() != null);
            DeployOptions options = new DeployOptions(Duration.ofSeconds(60), true, true, false, true, "demo");

            for (String app : APPS) {
                out.println("\n== deploy " + app + " 1.0.0 to " + env);
                out.flush();
                DeployResult result = service.deploy(request(app, "1.0.0"), options, events);
                out.println(DeployCommand.summary(result));
            }

            out.println("\n== deploy web 1.1.0: a config change and a new tag");
            out.println(DeployCommand.summary(service.deploy(request("web", "1.1.0"), options, events)));

            out.println("\n== deploy web 1.2.0-fail: its pods never become ready");
            out.flush();
            try {
                service.deploy(request("web", "1.2.0-fail"), options, events);
                out.println("unexpected: the failing release was reported healthy");
                return 1;
            } catch (PaycliException e) {
                out.println("exit " + e.exitCode() + ": " + e.getMessage());
            }

            out.println("\n== paycli status -e " + env);
            Status status = service.status(request("web", null));
            out.println("revision " + status.current().revision() + " (" + status.current().tag() + ") is in place, "
                    + (status.healthy() ? "healthy" : "not healthy"));
            status.objects().forEach(o -> out.printf("  %-50s %s%n", o.ref(), o.state()));

            out.println("\n== paycli history -e " + env);
            History history = service.history(request("web", null));
            for (Release r : history.releases()) {
                out.printf("  revision %d  %-12s %-12s %s%n", r.revision(), r.tag(), r.result().name().toLowerCase(), r.message());
            }
            out.println("\n== done: " + APPS.length + " apps deployed, one bad release rolled back automatically");
            out.println("   try it yourself: paycli sandbox, then paycli deploy --kubeconfig ~/.paycli/sandbox.kubeconfig"
                    + " --context paycli-sandbox --create-namespace -f examples/web -e beta -t 1.0.0");
            return 0;
        } finally {
            Files.deleteIfExists(kubeconfig);
        }
    }

    private DeployRequest request(String app, String tag) {
        return new DeployRequest(examples.resolve(app), env, tag, List.of(), Sandbox.DEFAULT_CONTEXT, null);
    }
}
