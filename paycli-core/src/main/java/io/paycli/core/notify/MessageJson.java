package io.paycli.core.notify;

import io.paycli.core.model.NotifyTarget.Event;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A message as JSON: the generic webhook's body, and how the outbox keeps it. */
final class MessageJson {
    static final JsonMapper JSON = JsonMapper.shared();

    private MessageJson() {
    }

    static ObjectNode write(Message m) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", m.id());
        n.put("test", m.test());
        n.put("event", m.event().id());
        n.put("action", m.action());
        n.put("app", m.app());
        n.put("env", m.env());
        n.put("namespace", m.namespace());
        n.put("cluster", m.cluster());
        n.put("version", m.version());
        n.put("revision", m.revision());
        n.put("result", m.result());
        n.put("durationMillis", m.durationMillis());
        n.put("user", m.user());
        n.put("template", m.template());
        n.put("templateVersion", m.templateVersion());
        n.put("archiveCommit", m.archiveCommit());
        n.put("detail", m.detail());
        n.put("inPlaceVersion", m.inPlaceVersion());
        n.put("inPlaceRevision", m.inPlaceRevision());
        n.put("at", m.at().toString());
        n.put("logs", m.logs());
        n.put("headline", m.headline());
        return n;
    }

    static Message read(JsonNode n) {
        return new Message(text(n, "id"), n.path("test").asBoolean(), Event.fromId(text(n, "event")),
                text(n, "action"), text(n, "app"), text(n, "env"), text(n, "namespace"), text(n, "cluster"),
                text(n, "version"), n.path("revision").asInt(), text(n, "result"), n.path("durationMillis").asLong(),
                text(n, "user"), text(n, "template"), text(n, "templateVersion"), text(n, "archiveCommit"),
                text(n, "detail"), text(n, "inPlaceVersion"), n.path("inPlaceRevision").asInt(),
                Instant.parse(text(n, "at")), text(n, "logs"));
    }

    static String text(JsonNode n, String key) {
        JsonNode v = n.path(key);
        return v.isMissingNode() || v.isNull() ? null : v.asString();
    }
}
