package io.paycli.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "paycli",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Deploys applications to Kubernetes through one centrally owned pipeline:",
            "shared templates by project type → YAML for one environment and version →",
            "validated → applied → verified → archived → announced.",
            "",
            "Start with 'paycli demo', or 'paycli init' and then 'paycli render -e ENV -t TAG'."},
        subcommands = {
            InitCommand.class,
            TemplatesCommand.class,
            RenderCommand.class,
            ValidateCommand.class,
            ConfigMapCommand.class,
            DiffCommand.class,
            DeployCommand.class,
            StatusCommand.class,
            HistoryCommand.class,
            RollbackCommand.class,
            RbacCommand.class,
            SandboxCommand.class,
            DemoCommand.class,
        },
        footer = {"",
            "Exit codes: 0 ok, 1 internal error, 2 usage, 3 invalid input,",
            "4 cluster unreachable or forbidden, 5 deploy failed or interrupted,",
            "6 locked by another deploy or lock lost, 7 diff found changes."})
public final class PaycliCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces and details on failure.")
    boolean verbose;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }
}
