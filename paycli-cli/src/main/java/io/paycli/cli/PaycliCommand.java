package io.paycli.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
    /**
     * Every command by name, in the order the help lists them. They are not in {@code @Command(subcommands)}
     * because building picocli's model of all of them costs a run more than the command itself: {@link Main} adds
     * only the one being run, or all for the help.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> all = new LinkedHashMap<>();
        all.put("help", HelpCommand.class);
        all.put("init", InitCommand.class);
        all.put("templates", TemplatesCommand.class);
        all.put("render", RenderCommand.class);
        all.put("validate", ValidateCommand.class);
        all.put("configmap", ConfigMapCommand.class);
        all.put("diff", DiffCommand.class);
        all.put("deploy", DeployCommand.class);
        all.put("status", StatusCommand.class);
        all.put("history", HistoryCommand.class);
        all.put("rollback", RollbackCommand.class);
        all.put("promote", PromoteCommand.class);
        all.put("abort", AbortCommand.class);
        all.put("scale", ScaleCommand.class);
        all.put("reconcile", ReconcileCommand.class);
        all.put("archive", ArchiveCommand.class);
        all.put("cluster", ClusterCommand.class);
        all.put("restore", RestoreCommand.class);
        all.put("rbac", RbacCommand.class);
        all.put("notify", NotifyCommand.class);
        all.put("agent", AgentCommand.class);
        all.put("sandbox", SandboxCommand.class);
        all.put("demo", DemoCommand.class);
        all.put("train-class-cache", ClassCacheTrainingCommand.class);
        return Collections.unmodifiableMap(all);
    }

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
