package io.paycli.core.notify;

import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A Slack incoming webhook: a text for notifications and old clients, and blocks for the message itself. */
final class SlackNotifier implements Notifier {
    private static final int MAX_FIELDS = 10;

    private final WebPost post;
    private final Endpoint endpoint;

    SlackNotifier(WebPost post, Endpoint endpoint) {
        this.post = post;
        this.endpoint = endpoint;
    }

    @Override
    public void send(Message message) throws SendFailure {
        post.post(endpoint.url(), endpoint.source(), payload(message).toString(), Map.of(), endpoint.secrets());
    }

    static ObjectNode payload(Message m) {
        ObjectNode root = MessageJson.JSON.createObjectNode();
        root.put("text", m.headline());
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode head = blocks.addObject();
        head.put("type", "section");
        head.putObject("text").put("type", "mrkdwn").put("text", (m.good() ? ":white_check_mark: " : ":x: ")
                + "*" + escape(m.headline()) + "*");
        ObjectNode facts = blocks.addObject();
        facts.put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        m.facts().entrySet().stream().limit(MAX_FIELDS).forEach(f -> fields.addObject().put("type", "mrkdwn")
                .put("text", "*" + f.getKey() + "*\n" + escape(f.getValue())));
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", "paycli " + m.action() + " · id " + m.id());
        return root;
    }

    /** Slack's mrkdwn takes &, < and > as markup. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
