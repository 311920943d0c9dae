package io.paycli.core.config;

import java.util.Map;

/**
 * What the patterns of paycli's schemas (and of catalogs that copy them) mean, so that a value that does not
 * match is explained by example rather than by its regular expression.
 */
final class PatternDescriptions {
    private static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    private static final Map<String, String> KNOWN = Map.of(
            "^([0-9]+h)?([0-9]+m)?([0-9]+s)?$",
            "is not a duration; use one such as 10m, 90s or 1h30m",
            UserConfigLoader.POSITIVE_DURATION,
            "is not a duration longer than 0s; use one such as 5s, 30s or 1m",
            "^[0-9]+(\\.[0-9]+)?([eE][0-9]+|[KMGTPE]i|[kMGTPE])?$",
            "is not a Kubernetes quantity; use a number with a suffix such as 512Mi, 1Gi or 1G",
            "^([0-9]+(\\.[0-9]+)?|\\.[0-9]+|[0-9]+m)$",
            "is not a CPU quantity; use cores such as 0.5 or 2, or millicores such as 250m",
            "^/",
            "is not an absolute path; start it with /",
            DNS_SUBDOMAIN,
            "is not a valid Kubernetes name; use lowercase letters, digits, '-' and '.', starting and ending with"
                    + " a letter or digit",
            "^(\\*\\.)?" + DNS_SUBDOMAIN.substring(1),
            "is not a valid host name; use lowercase letters, digits, '-' and '.', such as shop.example.com"
                    + " (or *.example.com)",
            "^[-._a-zA-Z][-._a-zA-Z0-9]*$",
            "is not a valid environment variable name; use letters, digits, '_', '-' and '.', not starting"
                    + " with a digit",
            "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|\\S+(\\s+\\S+){4})$",
            "is not a cron schedule; use five fields such as \"0 3 * * *\" or a macro such as @daily");

    private PatternDescriptions() {
    }

    /** {@code "value" is not ...}; an unknown pattern is shown as it is, with the key's description if any. */
    static String mismatch(String quotedValue, String pattern, String keyDescription) {
        String known = KNOWN.get(pattern);
        if (known != null) {
            return quotedValue + " " + known;
        }
        return quotedValue + " does not have the expected form"
                + (keyDescription.isEmpty() ? "" : " (" + keyDescription + ")") + ": it must match " + pattern;
    }
}
