package io.paycli.cli;

import io.paycli.core.deploy.DeployOptions;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.DeployRequest;
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
        description = "The whole story against an in-memory sandbox API server: deploy every example app, deploy a"
                + " new version, then one that never becomes healthy and watch paycli roll it back, and show"
                + " status and history as those commands print them. Then a blue-green release: the web app's beta"
                + " environment becomes blue-green, a new version waits on the idle colour's preview Service, is"
                + " promoted with one patch of the Service's selector, and is switched back within the window with"
                + " another. Then a campaign: pre-scale the web app's autoscaler in its release environment, deploy"
                + " during the override, and revert it. Then a disaster recovery: every step went to the demo's own"
                + " manifests archive (in a temporary directory, removed at the end; not ~/.paycli/archive), a"
                + " cluster capture adds the sandbox's installation, a restore rebuilds every app in a second, empty"
                + " sandbox, and a cluster compare shows it runs the same versions and config. Needs no cluster and"
                + " no checkout: the example apps are inside paycli. A real cluster is what paycli is for.",
        mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
    private static final String[] APPS = {"web", "spring-boot-api", "worker", "batch"};
    static final int STEPS = APPS.length + 2 + DemoBlueGreen.STEPS + DemoCampaign.STEPS + DemoRestore.STEPS;

    @Spec
    CommandSpec spec;
    @Mixin
    CatalogOptions catalog;

    @Option(names = "--env", paramLabel = "ENV", defaultValue = "beta", description = "The environment to deploy (default: ${DEFAULT-VALUE}).")
    String env;

    private PrintWriter out;
    private boolean started;
    private BundledExamples examples;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path kubeconfig = Files.createTempFile("paycli-demo", ".kubeconfig");
        try (BundledExamples bundled = BundledExamples.extract(); DemoRestore restore = new DemoRestore();
             Sandbox sandbox = Sandbox.start(0)) {
            examples = bundled;
            sandbox.writeKubeconfig(kubeconfig, Sandbox.DEFAULT_CONTEXT);
            say("paycli demo: the example apps go to a sandbox, an in-memory Kubernetes API server on "
                    + sandbox.url() + ".\n   It is not a real cluster, and it stops when the demo ends."
                    + "\n   Each step is what paycli deploy does; its progress goes to stderr.");
            DeployService service = catalog.deployService(kubeconfig, restore.sinks());
            EventPrinter events = new EventPrinter(err, System.console() != null);
            DeployOptions options = new DeployOptions(Duration.ofSeconds(60), true, true, false, true,
                    RolloutOptions.user());

            int step = 0;
            for (String app : APPS) {
                say("step " + ++step + " of " + STEPS + ": deploy " + app + " 1.0.0 to " + env + (step == 1
                        ? ": render, validate, lock, apply, wait until healthy, record revision 1" : ""));
                out.println(DeployCommand.summary(service.deploy(request(app, "1.0.0"), options, events)));
            }

            say("step " + ++step + " of " + STEPS + ": deploy web 1.1.0 to " + env + ": a new tag, rolled out while"
                    + " 1.0.0 keeps serving");
            out.println(DeployCommand.summary(service.deploy(request("web", "1.1.0"), options, events)));

            say("step " + ++step + " of " + STEPS + ": deploy web 1.2.0-fail to " + env + ": the sandbox makes the"
                    + " pods of a tag with 'fail' in it crash,\n   so this release never becomes healthy and paycli"
                    + " rolls it back to 1.1.0");
            try {
                service.deploy(request("web", "1.2.0-fail"), options, events);
                out.println("unexpected: the failing release was reported healthy");
                return 1;
            } catch (PaycliException e) {
                out.println("failed as it should; paycli deploy exits " + e.exitCode() + ": "
                        + ProgramName.inHints(e.getMessage()));
            }

            say("paycli status -f web -e " + env + ": what is in place now");
            StatusCommand.print(out, service.status(request("web", null)));

            say("paycli history -f web -e " + env + ": the revisions recorded in the cluster");
            HistoryCommand.print(out, service.history(request("web", null)));

            new DemoBlueGreen(service, options, events, out, this::say).run(step, STEPS, examples.app("web"), "1.1.0");
            step += DemoBlueGreen.STEPS;

            new DemoCampaign(service, options, events, out, this::say).run(step, STEPS, examples.app("web"));
            step += DemoCampaign.STEPS;

            String shown = restore.run(step, STEPS, kubeconfig, catalog, options, events, out, this::say);
            if (shown == null) {
                out.println("unexpected: the restore or the comparison above did not come out the same");
                return 1;
            }
            out.println(shown);

            String paycli = ProgramName.get();
            say("done: " + APPS.length + " apps deployed, one bad release rolled back automatically, web released"
                    + " blue-green\n   (2.0.0 on green's preview, promoted from blue to green, switched back to"
                    + " blue), a campaign\n   pre-scaled, kept by a deploy and reverted, and all of it restored"
                    + " from the archive into a second\n   sandbox, which runs the same versions and config.");
            out.println("   To try it with an app of your own:");
            out.println("     " + paycli + " sandbox &");
            out.println("     export KUBECONFIG=~/.paycli/sandbox.kubeconfig");
            out.println("     " + paycli + " init --type web --app shop --dir shop");
            out.println("     " + paycli + " deploy -f shop -e beta -t 1.0.0 --create-namespace");
            return 0;
        } finally {
            Files.deleteIfExists(kubeconfig);
        }
    }

    /** A step's header on stdout, flushed before the step's progress reaches stderr. */
    void say(String header) {
        if (started) {
            out.println();
        }
        started = true;
        out.println("== " + header);
        out.flush();
    }

    private DeployRequest request(String app, String tag) {
        return new DeployRequest(examples.app(app), env, tag, List.of(), Sandbox.DEFAULT_CONTEXT, null);
    }
}
