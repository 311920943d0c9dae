package io.paycli.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "paycli",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Deploys applications to Kubernetes through one centrally owned pipeline: the shared template of a"
                    + " project type and the app's paycli.yaml become the YAML for one environment and version,"
                    + " which is validated, applied with server-side apply, waited on until healthy (or rolled"
                    + " back), and recorded in the cluster as a revision.",
            "",
            "Start with 'paycli demo', or 'paycli init' and then 'paycli render -e ENV -t TAG'."
                    + " 'paycli help COMMAND' explains a command."},
        subcommands = {
            HelpCommand.class,
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
            PromoteCommand.class,
            AbortCommand.class,
            ScaleCommand.class,
            ReconcileCommand.class,
            ArchiveCommand.class,
            ClusterCommand.class,
            RestoreCommand.class,
            RbacCommand.class,
            NotifyCommand.class,
            AgentCommand.class,
            SandboxCommand.class,
            DemoCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:internal error (a bug in paycli; please report it)",
            "2:usage error: an unknown command or option, or a bad option value",
            "3:invalid input: config, template, values, manifest or tag",
            "4:cluster unreachable, unauthorised or forbidden",
            "5:deploy or rollback failed or interrupted; status found the release not healthy; notify test reached"
                    + " not every target",
            "6:another deploy holds the lock, or the deploy lost it",
            "7:diff --exit-code found changes, or cluster compare found differences"})
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
