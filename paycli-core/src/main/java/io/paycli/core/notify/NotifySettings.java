package io.paycli.core.notify;

import io.paycli.core.model.UserConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How hard a notification is tried before it is kept for a later run.
 *
 * @param timeout  the bound of one send, from connect to answer
 * @param attempts sends of a new message before it goes to the outbox
 * @param backoff  the wait before the second send; it doubles before each further one
 * @param outbox   the directory of messages kept for a later run
 */
public record NotifySettings(Duration timeout, int attempts, Duration backoff, Path outbox) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);

    public NotifySettings {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    public static NotifySettings defaults(Path outbox) {
        return new NotifySettings(DEFAULT_TIMEOUT, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF, outbox);
    }

    /** The user config's {@code notifyDelivery}, each part not set there at its default. */
    public static NotifySettings of(UserConfig user, Path outbox) {
        return new NotifySettings(user.notifyTimeout() != null ? user.notifyTimeout() : DEFAULT_TIMEOUT,
                user.notifyAttempts() > 0 ? user.notifyAttempts() : DEFAULT_ATTEMPTS, DEFAULT_BACKOFF, outbox);
    }

    /** The longest a target's sends of one message take, retries and waits included, when every send times out. */
    public Duration bound() {
        Duration waits = Duration.ZERO;
        for (int i = 1; i < attempts; i++) {
            waits = waits.plus(backoff.multipliedBy(1L << (i - 1)));
        }
        return timeout.multipliedBy(attempts).plus(waits);
    }
}
