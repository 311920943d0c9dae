package io.paycli.core.model;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One {@code notify} entry, of paycli.yaml or of the user config file. A secret (a webhook URL, an HMAC key, an SMTP
 * password) is named by the environment variable that holds it, never held here.
 *
 * @param type        slack, teams, webhook or email
 * @param url         the endpoint when it is not a secret, else null
 * @param urlEnv      the environment variable holding the endpoint, else null
 * @param secretEnv   webhook: the environment variable holding the HMAC key of the signature header, else null
 * @param on          the events to send; every event when the entry names none
 * @param to          email: the recipients
 * @param from        email: the sender, null for the default
 * @param smtpHost    email: the SMTP server
 * @param smtpPort    email: its port
 * @param usernameEnv email: the environment variable holding the SMTP user, null for no authentication
 * @param passwordEnv email: the environment variable holding the SMTP password
 * @param starttls    email: STARTTLS is required before anything is sent
 */
public record NotifyTarget(String type, String url, String urlEnv, String secretEnv, Set<Event> on, List<String> to,
                           String from, String smtpHost, int smtpPort, String usernameEnv, String passwordEnv,
                           boolean starttls) {
    public static final int DEFAULT_SMTP_PORT = 587;

    /** What happened, as the {@code on} filter names it. */
    public enum Event {
        SUCCEEDED, FAILED, ROLLED_BACK, INTERRUPTED, PROMOTED, ABORTED, SWITCHED_BACK, SCALED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Event fromId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    public NotifyTarget {
        on = on == null || on.isEmpty() ? EnumSet.allOf(Event.class) : EnumSet.copyOf(on);
        to = to == null ? List.of() : List.copyOf(to);
    }

    /** A slack, teams or webhook target that takes every event. */
    public NotifyTarget(String type, String url, String urlEnv) {
        this(type, url, urlEnv, null, null, null, null, null, DEFAULT_SMTP_PORT, null, null, true);
    }

    public boolean wants(Event event) {
        return on.contains(event);
    }

    /**
     * The target as output may name it, with no secret in it: {@code slack (urlEnv SLACK_WEBHOOK_URL)},
     * {@code webhook (url at hooks.example.com)}, {@code email (smtp.example.com:587 to ops@example.com)}. A URL
     * given directly shows only its host: webhook URLs often carry their token in the path.
     */
    public String describe() {
        if ("email".equals(type)) {
            return type + " (" + smtpHost + ":" + smtpPort + " to " + String.join(", ", to) + ")";
        }
        if (urlEnv != null) {
            return type + " (urlEnv " + urlEnv + ")";
        }
        return type + " (url at " + host(url) + ")";
    }

    private static String host(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() == null ? "an unreadable URL" : uri.getHost() + (uri.getPort() < 0 ? ""
                    : ":" + uri.getPort());
        } catch (IllegalArgumentException | NullPointerException e) {
            return "an unreadable URL";
        }
    }
}
