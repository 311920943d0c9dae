package io.paycli.core.cluster;

import java.util.List;

/** The outcome of a wait: healthy, or why not (one line), with details such as pod reasons and warning events. */
public record Health(boolean healthy, String reason, List<String> details) {
    public static Health ok() {
        return new Health(true, "healthy", List.of());
    }

    public static Health failed(String reason, List<String> details) {
        return new Health(false, reason, List.copyOf(details));
    }
}
