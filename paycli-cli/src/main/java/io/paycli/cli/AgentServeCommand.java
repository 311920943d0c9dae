package io.paycli.cli;

import io.paycli.agent.config.AgentConfig;
import io.paycli.agent.config.AgentConfigLoader;
import io.paycli.agent.http.AgentServer;
import io.paycli.core.config.Durations;
import io.paycli.core.error.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve",
        header = "Run the proxy agent's HTTP(S) server until SIGTERM.",
        description = {"Run the proxy agent in the foreground as agent.yaml says: listen (default 127.0.0.1:8470),"
                + " tls, dataDir, database, workers, clockSkew, maxBundleSize, shutdownGrace and clients. A mistake"
                + " in agent.yaml stops it at start, with one line per mistake naming the line and the key.",
            "",
            "It serves /healthz (200 while running), /readyz (503 naming what is not ready) and /metrics"
                + " (Prometheus). On SIGTERM or Ctrl-C it stops accepting, gives the requests in flight up to"
                + " shutdownGrace to finish, and exits 0; a second signal exits at once."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by SIGTERM or SIGINT",
            "3:invalid input: agent.yaml, its keystore, or an address already in use"},
        mixinStandardHelpOptions = true)
final class AgentServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true,
            description = "The agent's config file, agent.yaml.")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        AgentConfig agent = new AgentConfigLoader().load(config);
        createDataDir(agent);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (StopSignal stop = StopSignal.install(err); AgentServer server = new AgentServer(agent, System.getenv())) {
            server.start();
            out.println("paycli agent listening on " + server.url() + " (data: " + agent.dataDir() + ", database: "
                    + agent.databaseKind() + ")");
            out.flush();
            String signal = stop.await();
            err.println(signal + ": stopping; requests in flight have up to "
                    + Durations.format(agent.shutdownGrace()) + " to finish (signal again to"
                    + " exit at once)");
            err.flush();
            server.stop(agent.shutdownGrace());
            err.println("paycli agent stopped");
        }
        return 0;
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
