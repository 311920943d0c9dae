package io.paycli.core.config;

import io.paycli.core.error.InputErrors;
import io.paycli.core.model.Location;
import java.util.List;
import java.util.Map;

/**
 * Checks across keys that a JSON Schema cannot express, run on the merged values after the schema
 * check: here the errors still know the line or {@code --set} of each key, which the API server's
 * refusal of the rendered object would not. An autoscaler's {@code hpa.min} must not exceed its
 * {@code hpa.max}; the values are checked whether or not this environment enables the autoscaler.
 */
public final class ValueRules {
    private ValueRules() {
    }

    public static void check(Values values) {
        List<String> problems = problems(values);
        if (!problems.isEmpty()) {
            throw InputErrors.of(problems);
        }
    }

    /** Each broken rule as one line naming where the keys were set; empty when all hold. */
    public static List<String> problems(Values values) {
        if (!(values.merged().get("hpa") instanceof Map<?, ?> hpa)
                || !(hpa.get("min") instanceof Number min) || !(hpa.get("max") instanceof Number max)
                || min.doubleValue() <= max.doubleValue()) {
            return List.of();
        }
        Origin minAt = origin(values, "hpa.min");
        Origin maxAt = origin(values, "hpa.max");
        // Lead with the key the user set last: that is the one most likely just changed.
        String message = layer(values, maxAt) > layer(values, minAt)
                ? maxAt + ": " + max + " is less than hpa.min " + min + " (set at " + minAt + ")"
                : minAt + ": " + min + " is more than hpa.max " + max + " (set at " + maxAt + ")";
        return List.of(message + "; an autoscaler's min must not exceed its max");
    }

    private static Origin origin(Values values, String path) {
        Origin exact = values.origins().get(path);
        return exact != null ? exact : new Origin(Location.of(values.defaultsSource()), path);
    }

    /** Template defaults, then top-level values, then the environment's values, then {@code --set}. */
    private static int layer(Values values, Origin origin) {
        if (origin.location().source().equals(values.defaultsSource())) {
            return 0;
        }
        if (origin.location().source().startsWith("--set ")) {
            return 3;
        }
        return origin.writtenAs().startsWith("environments.") ? 2 : 1;
    }
}
