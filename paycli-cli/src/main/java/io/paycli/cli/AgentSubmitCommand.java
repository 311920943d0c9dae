package io.paycli.cli;

import io.paycli.agent.bundle.BundleWriter;
import io.paycli.agent.client.SubmitFlow;
import io.paycli.core.error.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "submit",
        header = "Deploy through the proxy agent: submit, stream the job's log, exit with its exit code.",
        description = {"Pack the app's paycli.yaml and the config files a deploy reads into a bundle, send it to the"
                + " agent in one request signed with the key in $PAYCLI_AGENT_SECRET (HMAC-SHA256, key id"
                + " --key-id), then print the job's log as the agent runs it (the manifests applied included) and"
                + " exit with the job's exit code, as paycli deploy would.",
            "",
            "A lost connection is survived: the submit is retried under the same idempotency key, so the agent"
                + " never queues the deploy twice, and the log is reattached after the last line shown.",
            "",
            "SIGINT (Ctrl-C) or SIGTERM (a cancelled CI job) asks the agent to cancel the job, as they stop paycli"
                + " deploy: the previous revision goes back in place, the log shows it to the job's end, and the"
                + " exit code is the job's (5). A second signal exits at once and leaves the job running."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the job deployed (or the dry run passed)",
            "3:invalid input: no key in $PAYCLI_AGENT_SECRET, no paycli.yaml, a bundle or paycli.yaml the agent"
                + " refused",
            "4:the agent refused the request (bad signature, clock skew, not allowed for this app and env) or"
                + " could not be reached",
            "5:the job failed: the release did not become healthy, or it was cancelled",
            "6:the job found the app's deploy lock held"},
        mixinStandardHelpOptions = true)
final class AgentSubmitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AgentClientOptions connection;

    @Option(names = {"-f", "--file"}, paramLabel = "PATH", defaultValue = ".",
            description = "paycli.yaml, or the directory holding it (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME", required = true,
            description = "The environment from paycli.yaml.")
    String env;

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG", required = true,
            description = "The image tag, which is the release version.")
    String tag;

    @Option(names = "--dry-run", description = "Ask the agent what would change; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.isDirectory(file) ? file : file.toAbsolutePath().getParent();
        if (!Files.isRegularFile(dir.resolve("paycli.yaml"))) {
            throw new InvalidInputException("no paycli.yaml in " + dir + " (set -f to the app's directory)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SubmitFlow flow = connection.flow(out, err);
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        err.println(new BundleWriter().write(dir, bundle).summary());
        err.flush();
        SignalStop stop = cancelOnSignal(flow, err);
        try {
            return flow.run(bundle.toByteArray(), env, tag, dryRun);
        } finally {
            stop.close();
        }
    }

    /** SIGINT or SIGTERM asks the agent to cancel the job, as they stop paycli deploy; a second leaves it running. */
    static SignalStop cancelOnSignal(SubmitFlow flow, PrintWriter err) {
        return SignalStop.install(note -> {
            err.println(note);
            err.flush();
        }, "the agent is asked to cancel the job, which puts the previous revision back").onStop(flow::cancel,
                "the job goes on in the agent");
    }
}
