package io.paycli.core.notify;

import io.paycli.core.model.NotifyTarget;
import io.paycli.core.model.NotifyTarget.Event;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A target as the outbox keeps it next to its message: as configured, so a secret is still only the name of the
 * environment variable that holds it, read again when the message is finally sent.
 */
final class TargetJson {
    private TargetJson() {
    }

    static ObjectNode write(NotifyTarget t) {
        ObjectNode n = MessageJson.JSON.createObjectNode();
        n.put("type", t.type());
        n.put("url", t.url());
        n.put("urlEnv", t.urlEnv());
        n.put("secretEnv", t.secretEnv());
        ArrayNode on = n.putArray("on");
        t.on().forEach(e -> on.add(e.id()));
        ArrayNode to = n.putArray("to");
        t.to().forEach(to::add);
        n.put("from", t.from());
        n.put("smtpHost", t.smtpHost());
        n.put("smtpPort", t.smtpPort());
        n.put("usernameEnv", t.usernameEnv());
        n.put("passwordEnv", t.passwordEnv());
        n.put("starttls", t.starttls());
        return n;
    }

    static NotifyTarget read(JsonNode n) {
        Set<Event> on = EnumSet.noneOf(Event.class);
        n.path("on").forEach(e -> on.add(Event.fromId(e.asString())));
        List<String> to = new ArrayList<>();
        n.path("to").forEach(a -> to.add(a.asString()));
        return new NotifyTarget(MessageJson.text(n, "type"), MessageJson.text(n, "url"),
                MessageJson.text(n, "urlEnv"), MessageJson.text(n, "secretEnv"), on, to, MessageJson.text(n, "from"),
                MessageJson.text(n, "smtpHost"), n.path("smtpPort").asInt(NotifyTarget.DEFAULT_SMTP_PORT),
                MessageJson.text(n, "usernameEnv"), MessageJson.text(n, "passwordEnv"),
                n.path("starttls").asBoolean(true));
    }
}
