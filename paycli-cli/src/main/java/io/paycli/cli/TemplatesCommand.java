package io.paycli.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "templates",
        header = "The template catalog: project types and their values.",
        mixinStandardHelpOptions = true,
        subcommands = {ListTemplatesCommand.class, ShowTemplateCommand.class})
final class TemplatesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose 'templates list' or 'templates show TYPE'");
    }
}
