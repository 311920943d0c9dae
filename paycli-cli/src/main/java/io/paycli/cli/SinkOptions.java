package io.paycli.cli;

import io.paycli.core.archive.ArchiveSettings;
import io.paycli.core.config.UserConfigLoader;
import io.paycli.core.deploy.ReleaseSink;
import io.paycli.core.model.UserConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the commands that change a cluster send what they did (step 7: the archive, notifications): their options,
 * and the user config file, {@code $PAYCLI_CONFIG} or {@code ~/.paycli/config.yaml}.
 */
final class SinkOptions {
    @Option(names = "--archive", paramLabel = "DIR",
            description = "The manifests archive, a git repository created on first use (default: $PAYCLI_ARCHIVE,"
                    + " else archive.dir of ~/.paycli/config.yaml, else ~/.paycli/archive).")
    Path archive;

    @Option(names = "--archive-remote", paramLabel = "URL",
            description = "Push the archive there after each commit (default: archive.remote of"
                    + " ~/.paycli/config.yaml). Credentials for https come from PAYCLI_ARCHIVE_USERNAME and"
                    + " PAYCLI_ARCHIVE_PASSWORD or PAYCLI_ARCHIVE_TOKEN.")
    String archiveRemote;

    /** The release sinks, in order; read when a command runs, so that a broken config file fails only those. */
    List<ReleaseSink> sinks() {
        return Sinks.of(this, userConfig());
    }

    ArchiveSettings archiveSettings(UserConfig config) {
        String remote = archiveRemote != null ? archiveRemote : config.archiveRemote();
        String password = System.getenv("PAYCLI_ARCHIVE_PASSWORD");
        if (password == null || password.isEmpty()) {
            password = System.getenv("PAYCLI_ARCHIVE_TOKEN");
        }
        return new ArchiveSettings(archiveDir(archive, config), remote == null || remote.isBlank() ? null : remote,
                System.getenv("PAYCLI_ARCHIVE_USERNAME"), password, config.archivePushTimeout() != null
                        ? config.archivePushTimeout() : ArchiveSettings.DEFAULT_PUSH_TIMEOUT, "ssh");
    }

    /** --archive, else $PAYCLI_ARCHIVE, else the user config's archive.dir, else ~/.paycli/archive. */
    static Path archiveDir(Path option, UserConfig config) {
        if (option != null) {
            return option;
        }
        String env = System.getenv("PAYCLI_ARCHIVE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        if (config != null && config.archiveDir() != null) {
            return config.archiveDir();
        }
        return Home.dir().resolve(".paycli").resolve("archive");
    }

    static UserConfig userConfig() {
        String override = System.getenv("PAYCLI_CONFIG");
        Path file = override != null && !override.isBlank() ? Path.of(override)
                : Home.dir().resolve(".paycli").resolve("config.yaml");
        return new UserConfigLoader().load(file);
    }
}
