package io.paycli.core.model;

import java.nio.file.Path;
import java.util.List;

/**
 * The user's (or the CI runner's) own settings, {@code ~/.paycli/config.yaml}: where the manifests archive lives and
 * where it is pushed, and the organisation-wide notification targets. Every part is optional.
 *
 * @param file          where it was read from (it may not exist)
 * @param archiveDir    {@code archive.dir}, null for the default
 * @param archiveRemote {@code archive.remote}, null for none
 */
public record UserConfig(Path file, Path archiveDir, String archiveRemote, List<NotifyTarget> notifyTargets) {
    public UserConfig {
        notifyTargets = List.copyOf(notifyTargets);
    }

    public static UserConfig none(Path file) {
        return new UserConfig(file, null, null, List.of());
    }
}
