package io.paycli.core.config;

import io.paycli.core.model.NotifyTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code notify:} entries, of paycli.yaml and of the user config file alike; the schema has checked their shape. */
public final class NotifyTargets {
    private NotifyTargets() {
    }

    public static List<NotifyTarget> parse(Object raw) {
        List<NotifyTarget> targets = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object item : list) {
                Map<?, ?> m = (Map<?, ?>) item;
                targets.add(new NotifyTarget((String) m.get("type"), (String) m.get("url"), (String) m.get("urlEnv")));
            }
        }
        return targets;
    }
}
