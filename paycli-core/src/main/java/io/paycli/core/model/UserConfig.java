package io.paycli.core.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The user's (or the CI runner's) own settings, {@code ~/.paycli/config.yaml}: where the manifests archive lives and
 * where it is pushed, and the organisation-wide notification targets. Every part is optional.
 *
 * @param file          where it was read from (it may not exist)
 * @param archiveDir    {@code archive.dir}, null for the default
 * @param archiveRemote      {@code archive.remote}, null for none
 * @param archivePushTimeout {@code archive.pushTimeout}, null for the default
 * @param notifyTimeout      {@code notifyDelivery.timeout}, null for the default
 * @param notifyAttempts     {@code notifyDelivery.attempts}, 0 for the default
 */
public record UserConfig(Path file, Path archiveDir, String archiveRemote, Duration archivePushTimeout,
                         List<NotifyTarget> notifyTargets, Duration notifyTimeout, int notifyAttempts) {
    public UserConfig {
        notifyTargets = List.copyOf(notifyTargets);
    }

    public static UserConfig none(Path file) {
        return new UserConfig(file, null, null, null, List.of(), null, 0);
    }
}
