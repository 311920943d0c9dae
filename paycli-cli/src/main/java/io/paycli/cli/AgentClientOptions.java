package io.paycli.cli;

import io.paycli.agent.auth.RequestSigner;
import io.paycli.agent.auth.Secrets;
import io.paycli.agent.client.AgentClient;
import io.paycli.agent.client.SubmitFlow;
import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How CI reaches the agent: its URL, this client's key id (the key in $PAYCLI_AGENT_SECRET) and the retries. */
final class AgentClientOptions {
    static final String SECRET_ENV = "PAYCLI_AGENT_SECRET";

    @Option(names = "--agent", paramLabel = "URL", required = true,
            description = "The agent's base URL, e.g. https://paycli-agent.zone.internal:8470.")
    URI agent;

    @Option(names = "--key-id", paramLabel = "ID", required = true,
            description = "This client's id in the agent's agent.yaml (clients[].id); its key is in $"
                    + SECRET_ENV + ".")
    String keyId;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "8",
            description = "How many times in a row a request may fail on the connection before giving up"
                    + " (default: ${DEFAULT-VALUE}; waits double from 0.5 s to 8 s between them).")
    int attempts;

    /** A client signing with the key in $PAYCLI_AGENT_SECRET; a missing or short key is one line, exit 3. */
    AgentClient client() {
        byte[] secret = Secrets.fromEnv(System.getenv(), SECRET_ENV);
        return new AgentClient(agent, new RequestSigner(keyId, secret, Clock.systemUTC(), new SecureRandom()),
                Duration.ofSeconds(30));
    }

    /** Submits and follows a job: its log on {@code out}, what the client says on {@code err}. */
    SubmitFlow flow(PrintWriter out, PrintWriter err) {
        return new SubmitFlow(client(), line -> {
            out.println(line);
            out.flush();
        }, note -> {
            err.println(note);
            err.flush();
        }, pause -> Thread.sleep(pause.toMillis()), attempts);
    }
}
