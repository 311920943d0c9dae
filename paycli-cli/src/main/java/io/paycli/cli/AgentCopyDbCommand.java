package io.paycli.cli;

import io.paycli.agent.config.AgentConfig;
import io.paycli.agent.config.AgentConfigLoader;
import io.paycli.agent.store.Database;
import io.paycli.agent.store.DatabaseCopy;
import io.paycli.core.error.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "copy-db",
        header = "Copy the proxy agent's jobs, logs and audit log into another database (SQLite to PostgreSQL).",
        description = {"Copy every job with its log, and the audit log, from the database agent.yaml names"
                + " (`database`, with `databasePasswordEnv`) into the empty database --to, in their order, in one"
                + " transaction: a copy that fails leaves the target empty. Both schemas are created or brought up"
                + " to date first. Stop the agent first: a running job is refused. Then point `database` in"
                + " agent.yaml at the new database and start the agent; the releases list, the restore and the"
                + " queued jobs go on from there. The old database is left as it was."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:copied",
            "1:a database cannot be reached or migrated",
            "3:invalid input: agent.yaml, a URL, a missing password variable, a running job or a target that is not"
                + " empty"},
        mixinStandardHelpOptions = true)
final class AgentCopyDbCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true,
            description = "The agent's config file, agent.yaml: its database is the source.")
    Path config;

    @Option(names = "--to", paramLabel = "JDBC_URL", required = true,
            description = "The target database's JDBC URL, such as jdbc:postgresql://db:5432/paycli_agent.")
    String to;

    @Option(names = "--to-password-env", paramLabel = "VAR",
            description = "The environment variable that holds the target's password.")
    String toPasswordEnv;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        AgentConfig agent = new AgentConfigLoader().load(config);
        Optional<String> sourcePassword = agent.databasePasswordEnv().map(name -> password(
                agent.file() + ": databasePasswordEnv", name));
        Optional<String> targetPassword = Optional.ofNullable(toPasswordEnv).map(name -> password(
                "--to-password-env", name));
        DatabaseCopy.Copied copied;
        String from;
        String into;
        try (Database source = Database.open(agent.database(), sourcePassword);
             Database target = Database.open(to, targetPassword)) {
            from = source.displayUrl();
            into = target.displayUrl();
            copied = DatabaseCopy.copy(source, target);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.structured()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("from", from);
            json.put("to", into);
            json.put("jobs", copied.jobs());
            json.put("logLines", copied.logLines());
            json.put("auditEntries", copied.auditEntries());
            out.print(output.write(json));
            return 0;
        }
        out.println("copied " + copied.jobs() + " jobs, " + copied.logLines() + " log lines and "
                + copied.auditEntries() + " audit entries from " + from + " to " + into);
        out.println("next: set `database: " + into + "`" + (toPasswordEnv == null ? ""
                : " and `databasePasswordEnv: " + toPasswordEnv + "`") + " in " + agent.file()
                + ", then start the agent");
        return 0;
    }

    private static String password(String key, String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(key + ": the environment variable " + variable + " is not set");
        }
        return value;
    }
}
