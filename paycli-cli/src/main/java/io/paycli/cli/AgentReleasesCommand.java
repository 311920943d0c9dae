package io.paycli.cli;

import io.paycli.agent.client.AgentClient;
import io.paycli.agent.client.ReleaseView;
import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.PaycliException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "releases",
        header = "List what the proxy agent last deployed to each app and environment this client may deploy.",
        description = {"Ask the agent (GET /api/v1/releases, signed with the key in $PAYCLI_AGENT_SECRET) for the"
                + " version each app runs in each environment by the agent's record: its last successful deploy"
                + " that was not a dry run, with the revision, whether it is healthy in the cluster now, the job and"
                + " the client that asked for it. Only apps and environments this client's grants cover are shown."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:listed (perhaps nothing)",
            "3:invalid input: no key in $PAYCLI_AGENT_SECRET",
            "4:the agent refused the request or could not be reached"},
        mixinStandardHelpOptions = true)
final class AgentReleasesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AgentClientOptions connection;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME", description = "Only this environment.")
    String env;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        List<ReleaseView> releases;
        try {
            releases = connection.client().releases(env);
        } catch (IOException e) {
            throw new PaycliException(ExitCodes.CLUSTER, "could not reach the agent at " + connection.agent + ": "
                    + AgentClient.describe(e));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.structured()) {
            out.print(output.write(releases));
            return 0;
        }
        if (releases.isEmpty()) {
            out.println("the agent has deployed nothing this client may see" + (env == null ? "" : " in " + env));
            return 0;
        }
        String row = "%-28s %-10s %-24s %-20s %-9s %-8s %-21s %s%n";
        out.printf(row, "APP", "ENV", "NAMESPACE", "TAG", "REVISION", "HEALTHY", "DEPLOYED", "CLIENT");
        for (ReleaseView r : releases) {
            out.printf(row, r.app(), r.env(), dash(r.namespace()), r.tag(), r.revision() == null ? "-"
                    : r.revision().toString(), r.healthy() == null ? "-" : r.healthy() ? "yes" : "no",
                    deployed(r.deployedAt()), r.client());
        }
        return 0;
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }

    /** To the second, as the other tables show times. */
    private static String deployed(String instant) {
        return instant == null ? "-" : instant.length() > 19 ? instant.substring(0, 19) + "Z" : instant;
    }
}
