package io.paycli.core.notify;

import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Microsoft Teams through a Workflows webhook ("When a Teams webhook request is received"): a message whose one
 * attachment is an Adaptive Card 1.4, the form the workflow posts to a channel. (Office 365 connectors are retired.)
 */
final class TeamsNotifier implements Notifier {
    private final WebPost post;
    private final Endpoint endpoint;

    TeamsNotifier(WebPost post, Endpoint endpoint) {
        this.post = post;
        this.endpoint = endpoint;
    }

    @Override
    public void send(Message message) throws SendFailure {
        post.post(endpoint.url(), endpoint.source(), payload(message).toString(), Map.of(), endpoint.secrets());
    }

    static ObjectNode payload(Message m) {
        ObjectNode root = MessageJson.JSON.createObjectNode();
        root.put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", m.headline()).put("weight", "Bolder")
                .put("size", "Medium").put("wrap", true).put("color", m.good() ? "Good" : "Attention");
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        m.facts().forEach((title, value) -> facts.addObject().put("title", title).put("value", value));
        body.addObject().put("type", "TextBlock").put("text", "paycli " + m.action() + " · id " + m.id())
                .put("isSubtle", true).put("size", "Small").put("wrap", true);
        if (m.logs() != null) {
            card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Logs")
                    .put("url", m.logs());
        }
        return root;
    }
}
