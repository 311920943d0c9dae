package io.paycli.cli;

import io.paycli.core.config.UserConfigLoader;
import io.paycli.core.deploy.ReleaseSink;
import io.paycli.core.model.UserConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the commands that change a cluster send what they did (step 7: the archive, notifications): their options,
 * and the user config file, {@code $PAYCLI_CONFIG} or {@code ~/.paycli/config.yaml}.
 */
final class SinkOptions {
    /** The release sinks, in order; read when a command runs, so that a broken config file fails only those. */
    List<ReleaseSink> sinks() {
        return Sinks.of(this, userConfig());
    }

    static UserConfig userConfig() {
        String override = System.getenv("PAYCLI_CONFIG");
        Path file = override != null && !override.isBlank() ? Path.of(override)
                : Home.dir().resolve(".paycli").resolve("config.yaml");
        return new UserConfigLoader().load(file);
    }
}
