package io.paycli.core.config;

import io.paycli.core.model.NotifyTarget;
import io.paycli.core.model.NotifyTarget.Event;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code notify:} entries, of paycli.yaml and of the user config file alike. The schema checks their shape; {@link
 * #checked} adds the rules that depend on the type, which a schema says less clearly.
 */
public final class NotifyTargets {
    private static final List<String> WEB_KEYS = List.of("url", "urlEnv");
    private static final List<String> EMAIL_KEYS = List.of("to", "from", "smtpHost", "smtpPort", "usernameEnv",
            "passwordEnv", "starttls");

    private NotifyTargets() {
    }

    public static List<NotifyTarget> parse(Object raw) {
        List<NotifyTarget> targets = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object item : list) {
                Map<?, ?> m = (Map<?, ?>) item;
                Set<Event> on = EnumSet.noneOf(Event.class);
                if (m.get("on") instanceof List<?> events) {
                    events.forEach(e -> on.add(Event.fromId((String) e)));
                }
                List<String> to = new ArrayList<>();
                if (m.get("to") instanceof List<?> addresses) {
                    addresses.forEach(a -> to.add((String) a));
                }
                targets.add(new NotifyTarget((String) m.get("type"), (String) m.get("url"), (String) m.get("urlEnv"),
                        (String) m.get("secretEnv"), on, to, (String) m.get("from"), (String) m.get("smtpHost"),
                        m.get("smtpPort") instanceof Number port ? port.intValue() : NotifyTarget.DEFAULT_SMTP_PORT,
                        (String) m.get("usernameEnv"), (String) m.get("passwordEnv"),
                        !Boolean.FALSE.equals(m.get("starttls"))));
            }
        }
        return targets;
    }

    /**
     * The schema's problems of a whole file when there are any; else those of its {@code notify} entries that only
     * their type explains: a web target without an endpoint, a key that the type does not use.
     */
    public static List<SchemaCheck.Problem> checked(List<SchemaCheck.Problem> schemaProblems, Object root) {
        if (!schemaProblems.isEmpty() || !(root instanceof Map<?, ?> file)
                || !(file.get("notify") instanceof List<?> entries)) {
            return schemaProblems;
        }
        List<SchemaCheck.Problem> problems = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<?, ?> entry = (Map<?, ?>) entries.get(i);
            String at = KeyPath.index("notify", i);
            String type = (String) entry.get("type");
            if (type.equals("email")) {
                unused(entry, at, type, WEB_KEYS, problems);
                unused(entry, at, type, List.of("secretEnv"), problems);
                if (entry.containsKey("usernameEnv") != entry.containsKey("passwordEnv")) {
                    problems.add(new SchemaCheck.Problem(at, "give both usernameEnv and passwordEnv to"
                            + " authenticate, or neither"));
                }
                continue;
            }
            unused(entry, at, type, EMAIL_KEYS, problems);
            if (!type.equals("webhook")) {
                unused(entry, at, type, List.of("secretEnv"), problems);
            }
            if (entry.containsKey("url") == entry.containsKey("urlEnv")) {
                problems.add(new SchemaCheck.Problem(at, (entry.containsKey("url") ? "give url or urlEnv, not both"
                        : "url or urlEnv is required") + ": the endpoint, or the environment variable holding it"
                        + " when it is a secret"));
            }
        }
        return problems;
    }

    private static void unused(Map<?, ?> entry, String at, String type, List<String> keys,
                               List<SchemaCheck.Problem> problems) {
        for (String key : keys) {
            if (entry.containsKey(key)) {
                problems.add(new SchemaCheck.Problem(KeyPath.child(at, key), "not used by type " + type));
            }
        }
    }
}
