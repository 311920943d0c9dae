package io.paycli.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "agent",
        header = "The proxy agent: deploys from CI into a restricted zone.",
        description = "The proxy agent runs inside a restricted zone, where CI cannot reach the cluster, and deploys"
                + " there on CI's behalf: CI sends signed requests over HTTP(S), the agent queues and runs them.",
        mixinStandardHelpOptions = true,
        subcommands = {AgentServeCommand.class, AgentSubmitCommand.class, AgentReleasesCommand.class,
            AgentRestoreCommand.class, AgentCopyDbCommand.class})
final class AgentCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose 'agent serve', 'agent submit', 'agent releases', 'agent restore' or 'agent copy-db'");
    }
}
