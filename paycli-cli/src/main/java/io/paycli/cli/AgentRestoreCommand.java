package io.paycli.cli;

import io.paycli.agent.client.SubmitFlow;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "restore",
        header = "Have the proxy agent put back the last release of every app it deployed (disaster recovery).",
        description = {"Ask the agent (POST /api/v1/restore, signed with the key in $PAYCLI_AGENT_SECRET) to restore"
                + " every app it deployed that this client's grants cover, in one environment or all of them: each"
                + " app's last successful release from the agent's manifests archive, through the same engine as"
                + " paycli restore, into the kube context it was deployed to. An app already running its archived"
                + " version is left as it is. The job's log is printed as it runs, and the exit code is the job's.",
            "",
            "SIGINT (Ctrl-C) or SIGTERM asks the agent to cancel the restore; a second signal leaves it running."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every app restored or already in place (or the dry run passed)",
            "3:invalid input: no key in $PAYCLI_AGENT_SECRET, or the agent has deployed nothing to restore",
            "4:the agent refused the request (no grant covers any app it deployed) or could not be reached",
            "5:an app could not be restored (the log names it), or the restore was cancelled"},
        mixinStandardHelpOptions = true)
final class AgentRestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AgentClientOptions connection;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME", description = "Only this environment (default: all).")
    String env;

    @Option(names = "--dry-run", description = "Say what would be restored; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        SubmitFlow flow = connection.flow(spec.commandLine().getOut(), err);
        SignalStop stop = AgentSubmitCommand.cancelOnSignal(flow, err);
        try {
            return flow.restore(env, dryRun);
        } finally {
            stop.close();
        }
    }
}
