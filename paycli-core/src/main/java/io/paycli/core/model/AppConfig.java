package io.paycli.core.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded {@code paycli.yaml}. Maps keep the order of the file. {@code origins} maps a value's
 * key path (for example {@code values.resources.limits.cpu} or
 * {@code environments.beta.values.replicas}) to the line it was written on.
 */
public record AppConfig(
        Path file,
        String app,
        String team,
        String template,
        String image,
        Map<String, Object> values,
        ConfigSpec config,
        Map<String, EnvConfig> environments,
        List<NotifyTarget> notifyTargets,
        Map<String, Location> origins) {

    /** The directory config paths are relative to. */
    public Path baseDir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null ? parent : Path.of(".").toAbsolutePath();
    }

    public Optional<EnvConfig> environment(String name) {
        return Optional.ofNullable(environments.get(name));
    }

    /** The line a key path was written on, or its nearest written parent's. */
    public Location locate(String keyPath) {
        return Location.nearest(origins, keyPath).orElse(new Location(file.toString(), 0));
    }
}
