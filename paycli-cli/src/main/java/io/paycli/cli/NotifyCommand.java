package io.paycli.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "notify",
        header = "Notification targets: Slack, Teams, a webhook, e-mail.",
        mixinStandardHelpOptions = true,
        subcommands = {NotifyTestCommand.class})
final class NotifyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose 'notify test'");
    }
}
