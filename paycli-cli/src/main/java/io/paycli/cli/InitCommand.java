package io.paycli.cli;

import io.paycli.core.config.ConfigLoader;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.validate.Names;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "init",
        header = "Scaffold paycli.yaml and config/ for a project type.",
        description = "Scaffold paycli.yaml and config/ for a project type. The result renders as it is, with"
                + " 'paycli render -e beta -t 1.0.0'. Files that exist are kept; --force replaces paycli.yaml alone.",
        mixinStandardHelpOptions = true)
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CatalogOptions catalog;

    @Option(names = "--type", required = true, paramLabel = "TYPE",
            description = "The project type (see paycli templates list).")
    String type;

    @Option(names = "--app", required = true, paramLabel = "NAME", description = "The app name (a DNS-1123 label).")
    String app;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where to write (default: ${DEFAULT-VALUE}). A new directory is created; its parent must"
                    + " exist.")
    Path dir;

    @Option(names = "--force", description = "Overwrite an existing paycli.yaml. Other files that exist are always kept.")
    boolean force;

    @Override
    public Integer call() {
        if (!Names.isDns1123Label(app)) {
            throw new InvalidInputException("--app '" + app + "' is not a valid name: use lowercase letters,"
                    + " digits and '-', at most 63 characters (DNS-1123 label)");
        }
        catalog.open().get(type);
        if (type.equals("agent")) {
            // Its paycli.yaml names the namespaces it deploys to, Secrets and CI's addresses: a scaffold could only guess.
            throw new InvalidInputException("--type agent: start from examples/agent instead (docs/agent.md,"
                    + " \"Installing the agent with paycli\"), and set the namespaces, Secrets and CI address ranges there");
        }
        Path target = TargetDirectory.check("--dir", dir);
        Path file = dir.resolve(ConfigLoader.FILE_NAME);
        if (Files.exists(file) && !force) {
            throw new InvalidInputException(file + " already exists; pass --force to overwrite it");
        }
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(dir.resolve("config/common/application.yaml"), "# Settings shared by every environment.\n"
                + "app:\n  name: " + app + "\n");
        files.put(dir.resolve("config/beta/application-env.yaml"), "# Settings for beta only.\nfeatures:\n  preview: true\n");
        files.put(dir.resolve("config/release/application-env.yaml"), "# Settings for release only.\nfeatures:\n  preview: false\n");
        PrintWriter out = spec.commandLine().getOut();
        try {
            Files.createDirectories(target);
            // --force is about paycli.yaml only; every other file is the user's once it exists.
            Files.writeString(file, paycliYaml(), StandardCharsets.UTF_8, force
                    ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING}
                    : new StandardOpenOption[] {StandardOpenOption.CREATE_NEW});
            out.println("wrote " + file);
            for (Map.Entry<Path, String> e : files.entrySet()) {
                Files.createDirectories(e.getKey().toAbsolutePath().getParent());
                try {
                    Files.writeString(e.getKey(), e.getValue(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                    out.println("wrote " + e.getKey());
                } catch (FileAlreadyExistsException exists) {
                    out.println("kept " + e.getKey() + " (it exists)");
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException(file + " already exists; pass --force to overwrite it", e);
        } catch (IOException e) {
            throw new InvalidInputException("--dir " + dir + ": cannot write " + e.getMessage(), e);
        }
        out.println("next: " + ProgramName.get() + " render -f " + dir + " -e beta -t 1.0.0");
        return 0;
    }

    private String paycliYaml() {
        boolean batch = type.equals("batch");
        boolean web = type.equals("web");
        StringBuilder y = new StringBuilder();
        y.append("# paycli.yaml: how ").append(app).append(" is deployed. Reference: docs/config-reference.md\n");
        y.append("app: ").append(app).append('\n');
        y.append("template: ").append(type).append('\n');
        y.append("image: registry.example.com/").append(app).append("   # the tag comes from --tag\n");
        y.append("values:\n");
        if (batch) {
            y.append("  schedule: \"0 3 * * *\"\n");
        }
        if (type.equals("worker")) {
            y.append("  port: 8081   # the health endpoint; a worker serves no traffic\n");
            y.append("  probes: {readiness: {path: /health/ready}, liveness: {path: /health/live}}\n");
        }
        y.append("  resources: {requests: {cpu: 100m, memory: 256Mi}, limits: {memory: 512Mi}}\n");
        y.append("config:\n  files: [config/common]\n  literals: {LOG_FORMAT: json}\n");
        y.append("environments:   # each may pin a kube context; without one, the kubeconfig's current context\n");
        y.append("  beta:\n    namespace: ").append(app).append("-beta\n");
        if (!batch) {
            y.append("    values:\n      replicas: 1\n");
            if (web) {
                y.append("      ingress: {enabled: true, host: ").append(app).append(".beta.example.com}\n");
            }
        }
        y.append("    config: {files: [config/beta]}\n");
        y.append("  release:\n    namespace: ").append(app).append('\n');
        if (!batch) {
            y.append("    values:\n      hpa: {enabled: true, min: 2, max: 6, cpuUtilization: 70}\n");
            if (web) {
                y.append("      ingress: {enabled: true, host: ").append(app).append(".example.com}\n");
            }
        }
        y.append("    config: {files: [config/release]}\n");
        return y.toString();
    }
}
