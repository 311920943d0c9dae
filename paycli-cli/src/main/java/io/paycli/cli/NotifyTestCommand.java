package io.paycli.cli;

import io.paycli.core.config.ConfigLoader;
import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.AppConfig;
import io.paycli.core.model.NotifyTarget;
import io.paycli.core.model.UserConfig;
import io.paycli.core.notify.NotifySettings;
import io.paycli.core.notify.NotifySink;
import io.paycli.core.notify.SampleNotifications;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "test",
        header = "Send a sample message to each notification target.",
        description = "Send a sample message, marked as a test, to each target of the app's notify: in paycli.yaml"
                + " and of the organisation's in the user config file ($PAYCLI_CONFIG, else ~/.paycli/config.yaml),"
                + " with the timeouts and retries of a real deploy's message, and print one line per target. Without"
                + " a paycli.yaml in the current directory, only the user config file's targets are tried. Secrets"
                + " are never printed: a target is named by its type and the environment variable that holds its"
                + " URL.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every target received the message",
            "3:invalid input: paycli.yaml or the user config file, or no target in either",
            "5:at least one target did not receive it"},
        mixinStandardHelpOptions = true)
final class NotifyTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "PATH",
            description = "paycli.yaml, or the directory holding it (default: the current directory's, if any).")
    Path file;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME",
            description = "The environment the sample message names (default: the only one, else the first).")
    String env;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AppConfig app = app();
        UserConfig user = SinkOptions.userConfig();
        List<NotifyTarget> targets = new ArrayList<>(app == null ? List.of() : app.notifyTargets());
        user.notifyTargets().stream().filter(t -> !targets.contains(t)).forEach(targets::add);
        if (targets.isEmpty()) {
            throw new InvalidInputException("no notification targets: add notify: to "
                    + (app == null ? "paycli.yaml" : app.file()) + " or to " + user.file());
        }
        String envName = envName(app);
        List<SampleNotifications.Result> results = new SampleNotifications(System::getenv,
                NotifySettings.of(user, NotifySink.outbox(System::getenv)), Clock.systemUTC())
                .send(targets, app == null ? "paycli" : app.app(), envName, RolloutOptions.user());
        int failed = 0;
        for (SampleNotifications.Result r : results) {
            String from = app != null && app.notifyTargets().contains(r.target()) ? "" : " [" + user.file() + "]";
            if (r.delivered()) {
                out.println("ok      " + r.target().describe() + from);
            } else {
                failed++;
                out.println("failed  " + r.target().describe() + from + ": " + r.problem()
                        + (r.sends() > 1 ? " (" + r.sends() + " attempts)" : ""));
            }
        }
        out.println(failed == 0 ? "all " + results.size() + " target(s) received the sample message"
                : failed + " of " + results.size() + " target(s) did not receive the sample message");
        return failed == 0 ? ExitCodes.OK : ExitCodes.DEPLOY_FAILED;
    }

    /** The app's paycli.yaml: the one named, else the current directory's when there is one. */
    private AppConfig app() {
        if (file == null) {
            Path here = Path.of(ConfigLoader.FILE_NAME);
            return Files.isRegularFile(here) ? new ConfigLoader().load(here) : null;
        }
        return new ConfigLoader().load(file);
    }

    private String envName(AppConfig app) {
        if (app == null) {
            return env == null ? "test" : env;
        }
        if (env == null) {
            return app.environments().keySet().iterator().next();
        }
        return app.environment(env).orElseThrow(() -> new InvalidInputException("unknown environment '" + env
                + "'; " + app.file() + " defines: " + String.join(", ", app.environments().keySet()))).name();
    }
}
