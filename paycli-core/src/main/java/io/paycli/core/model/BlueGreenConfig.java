package io.paycli.core.model;

import java.time.Duration;
import java.util.List;

/**
 * How a blue-green environment releases ({@code environments.<env>.blueGreen}): whether a ready colour takes traffic
 * at once, how long the colour that served before stays up for a switch-back, and the optional smoke check.
 */
public record BlueGreenConfig(boolean autoPromote, Duration scaleDownDelay, Smoke smoke) {
    public static final Duration DEFAULT_SCALE_DOWN_DELAY = Duration.ofMinutes(10);
    public static final Duration DEFAULT_SMOKE_TIMEOUT = Duration.ofMinutes(2);
    public static final BlueGreenConfig DEFAULTS = new BlueGreenConfig(true, DEFAULT_SCALE_DOWN_DELAY, null);

    /** A check run as a Job against the preview Service; exit 0 passes. */
    public record Smoke(String image, List<String> command, Duration timeout) {
        public Smoke {
            command = List.copyOf(command);
        }
    }
}
