package io.paycli.core.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as paycli.yaml writes them, like Kubernetes and Go do: {@code 10m}, {@code 90s}, {@code 1h30m}. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Durations() {
    }

    /** The duration, or null when the text is not one (the schema has said why already). */
    public static Duration parse(String text) {
        Matcher m = text == null || text.isEmpty() ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            return null;
        }
        return Duration.ofHours(part(m.group(1))).plusMinutes(part(m.group(2))).plusSeconds(part(m.group(3)));
    }

    /** The shortest way to write a duration in that format. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        StringBuilder text = new StringBuilder();
        if (s >= 3600) {
            text.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            text.append(s % 3600 / 60).append('m');
        }
        if (s % 60 != 0 || text.length() == 0) {
            text.append(s % 60).append('s');
        }
        return text.toString();
    }

    private static long part(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
