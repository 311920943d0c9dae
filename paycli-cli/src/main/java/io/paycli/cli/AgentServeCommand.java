package io.paycli.cli;

import io.paycli.agent.Agent;
import io.paycli.agent.config.AgentConfig;
import io.paycli.agent.config.AgentConfigLoader;
import io.paycli.core.config.Durations;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.UserConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve",
        header = "Run the proxy agent's HTTP(S) server until SIGTERM.",
        description = {"Run the proxy agent in the foreground as agent.yaml says: listen (default 127.0.0.1:8470),"
                + " tls, dataDir, database, workers, clockSkew, maxBundleSize, shutdownGrace and clients. A mistake"
                + " in agent.yaml stops it at start, with one line per mistake naming the line and the key.",
            "",
            "It takes signed deploy requests from CI (paycli agent submit), queues them durably in its database and"
                + " runs them with `workers` workers through the same engine as paycli deploy (at most one job per"
                + " app and environment at a time), archiving and notifying as paycli deploy does (--archive,"
                + " default dataDir/archive). Jobs that were running when the agent last stopped run again.",
            "",
            "It serves /healthz (200 while running), /readyz (503 naming what is not ready) and /metrics"
                + " (Prometheus). On SIGTERM or Ctrl-C it stops taking jobs, gives the running ones up to"
                + " shutdownGrace to finish (the rest run again at the next start), and exits 0; a second signal"
                + " exits at once."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by SIGTERM or SIGINT",
            "1:the database cannot be reached or migrated",
            "3:invalid input: agent.yaml, a client's key, its keystore, or an address already in use"},
        mixinStandardHelpOptions = true)
final class AgentServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true,
            description = "The agent's config file, agent.yaml.")
    Path config;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig for the clusters the agent deploys to (default: $KUBECONFIG, else"
                    + " ~/.kube/config, else the pod's service account).")
    Path kubeconfig;

    @Mixin
    CatalogOptions catalog;

    @Mixin
    SinkOptions sinks;

    @Override
    public Integer call() throws InterruptedException {
        AgentConfig agent = new AgentConfigLoader().load(config);
        createDataDir(agent);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        UserConfig user = SinkOptions.userConfig();
        String archiveEnv = System.getenv("PAYCLI_ARCHIVE");
        if (sinks.archive == null && (archiveEnv == null || archiveEnv.isBlank()) && user.archiveDir() == null) {
            // Nothing chose an archive: the agent keeps its own in its data directory, not in a home directory.
            sinks.archive = agent.dataDir().resolve("archive");
        }
        DeployService deploys = catalog.deployService(kubeconfig, Sinks.of(sinks, user));
        try (StopSignal stop = StopSignal.install(err)) {
            Agent running = Agent.start(agent, System.getenv(), deploys, sinks.archiveSettings(user), owner(),
                    Clock.systemUTC());
            out.println("paycli agent listening on " + running.url() + " (data: " + agent.dataDir() + ", database: "
                    + agent.databaseKind() + ")");
            out.flush();
            String signal = stop.await();
            err.println(signal + ": stopping; running jobs have up to " + Durations.format(agent.shutdownGrace())
                    + " to finish, the rest run again at the next start (signal again to exit at once)");
            err.flush();
            List<String> left = running.stop();
            err.println("paycli agent stopped" + (left.isEmpty() ? "" : "; " + left.size()
                    + " jobs will run again at the next start: " + String.join(", ", left)));
        }
        return 0;
    }

    /** This agent's name in the job queue, the same across its restarts: $PAYCLI_AGENT_ID, else the host name. */
    private static String owner() {
        String id = System.getenv("PAYCLI_AGENT_ID");
        if (id != null && !id.isBlank()) {
            return id;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "paycli-agent";
        }
    }

    private static void createDataDir(AgentConfig agent) {
        try {
            Files.createDirectories(agent.dataDir());
        } catch (IOException e) {
            throw new InvalidInputException(agent.file() + ": dataDir " + agent.dataDir() + ": cannot create it ("
                    + e + ")", e);
        }
    }
}
