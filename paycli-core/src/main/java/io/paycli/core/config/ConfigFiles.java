package io.paycli.core.config;

import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.AppConfig;
import io.paycli.core.model.ConfigEntry;
import io.paycli.core.model.ConfigSpec;
import io.paycli.core.model.EnvConfig;
import io.paycli.core.model.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the files behind {@code config}: the common files, then the common literals, then the
 * environment's files and literals, each layer overriding earlier keys by name. Two files of the
 * same name in one layer are an error, since which one wins would be an accident.
 */
public final class ConfigFiles {
    private ConfigFiles() {
    }

    public static List<ConfigEntry> read(AppConfig app, EnvConfig env) {
        Map<String, ConfigEntry> entries = new TreeMap<>();
        readLayer(app, app.config(), "config", entries);
        readLayer(app, env.config(), KeyPath.child("environments", env.name()) + ".config", entries);
        return new ArrayList<>(entries.values());
    }

    private static void readLayer(AppConfig app, ConfigSpec spec, String keyPath, Map<String, ConfigEntry> entries) {
        Map<String, ConfigEntry> layer = new TreeMap<>();
        for (int i = 0; i < spec.files().size(); i++) {
            String given = spec.files().get(i);
            Location at = app.locate(KeyPath.index(keyPath + ".files", i));
            Path path = app.baseDir().resolve(given).normalize();
            for (Path file : filesOf(path, given, at, keyPath)) {
                ConfigEntry entry = new ConfigEntry(file.getFileName().toString(), read(file, at), given);
                ConfigEntry clash = layer.put(entry.key(), entry);
                if (clash != null) {
                    throw new InvalidInputException(at + ": " + keyPath + ".files: two files named '"
                            + entry.key() + "' (in " + clash.source() + " and " + given + ")");
                }
            }
        }
        spec.literals().forEach((k, v) -> layer.put(k,
                new ConfigEntry(k, v.getBytes(StandardCharsets.UTF_8), keyPath + ".literals")));
        entries.putAll(layer);
    }

    private static List<Path> filesOf(Path path, String given, Location at, String keyPath) {
        try {
            List<Path> files = expand(path);
            if (files == null) {
                throw new InvalidInputException(at + ": " + keyPath + ".files: " + given
                        + " does not exist (paths are relative to " + ConfigLoader.FILE_NAME + ")");
            }
            return files;
        } catch (IOException e) {
            throw new InvalidInputException(at + ": cannot list " + given + ": " + e.getMessage(), e);
        }
    }

    /**
     * The files a config path stands for: the file itself, or a directory's regular files in name
     * order (like kubectl's --from-file DIR: no recursion; dotfiles are editor noise and skipped).
     * Null when the path does not exist.
     */
    public static List<Path> expand(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            return null;
        }
        try (Stream<Path> list = Files.list(path)) {
            return list.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    private static byte[] read(Path file, Location at) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(at + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
