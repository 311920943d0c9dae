package io.paycli.cli;

import io.paycli.core.config.ConfigFiles;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.ConfigEntry;
import io.paycli.core.model.Manifest;
import io.paycli.core.render.ConfigMapGenerator;
import io.paycli.core.render.ManifestYaml;
import io.paycli.core.validate.ManifestValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "configmap",
        header = "Generate a ConfigMap from files and literals.",
        description = "Generate a ConfigMap from files and literals, the way paycli does for the config: key of"
                + " paycli.yaml. Text goes into data, non-UTF-8 files into binaryData. The output is byte-identical"
                + " for identical input; --hash appends the content hash to the name.",
        mixinStandardHelpOptions = true)
final class ConfigMapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ManifestOutputOptions output;

    @Parameters(index = "0", paramLabel = "NAME", description = "The ConfigMap's name (the prefix, with --hash).")
    String name;

    @Option(names = "--from-file", paramLabel = "[KEY=]PATH",
            description = "A file (key: its name, or KEY), or a directory of files (repeatable).")
    List<String> files = new ArrayList<>();

    @Option(names = "--from-literal", paramLabel = "KEY=VALUE", description = "A literal entry (repeatable).")
    List<String> literals = new ArrayList<>();

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Set metadata.namespace.")
    String namespace;

    @Option(names = "--hash", description = "Name it NAME-<content hash>, so that a change gives a new name.")
    boolean hash;

    @Override
    public Integer call() {
        Map<String, ConfigEntry> entries = new TreeMap<>();
        for (String spec : files) {
            for (ConfigEntry e : fromFile(spec)) {
                put(entries, e);
            }
        }
        for (String literal : literals) {
            int eq = literal.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("--from-literal '" + literal + "': expected KEY=VALUE");
            }
            put(entries, new ConfigEntry(literal.substring(0, eq),
                    literal.substring(eq + 1).getBytes(StandardCharsets.UTF_8), "--from-literal"));
        }
        ConfigMapGenerator.Generated cm = ConfigMapGenerator.generate(name, namespace, new ArrayList<>(entries.values()), hash);
        Manifest manifest = new Manifest("v1", "ConfigMap", namespace, cm.name(), cm.body(), "configmap");
        new ManifestValidator().validate(List.of(manifest), false).requireValid();
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.print(ManifestOutputOptions.json(cm.body()));
        } else {
            out.print(ManifestYaml.writeDocument(cm.body()));
        }
        return 0;
    }

    private static void put(Map<String, ConfigEntry> entries, ConfigEntry e) {
        ConfigEntry clash = entries.put(e.key(), e);
        if (clash != null) {
            throw new InvalidInputException("key '" + e.key() + "' is given twice (" + clash.source()
                    + " and " + e.source() + ")");
        }
    }

    private static List<ConfigEntry> fromFile(String spec) {
        int eq = spec.indexOf('=');
        String key = eq > 0 ? spec.substring(0, eq) : null;
        Path path = Path.of(eq > 0 ? spec.substring(eq + 1) : spec);
        try {
            List<Path> paths = ConfigFiles.expand(path);
            if (paths == null) {
                throw new InvalidInputException("--from-file " + spec + ": " + path + " does not exist");
            }
            if (key != null && Files.isDirectory(path)) {
                throw new InvalidInputException("--from-file " + spec + ": a key cannot name a directory");
            }
            List<ConfigEntry> entries = new ArrayList<>();
            for (Path f : paths) {
                entries.add(new ConfigEntry(key != null ? key : f.getFileName().toString(),
                        Files.readAllBytes(f), f.toString()));
            }
            return entries;
        } catch (IOException e) {
            throw new InvalidInputException("--from-file " + spec + ": cannot read: " + e.getMessage(), e);
        }
    }
}
