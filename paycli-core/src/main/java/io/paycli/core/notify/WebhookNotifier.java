package io.paycli.core.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic JSON webhook: the message as JSON, its id in {@code X-Paycli-Delivery}, and with a key, {@code
 * X-Paycli-Signature: sha256=<hex HMAC-SHA256 of the body>} so the receiver can tell paycli sent it.
 */
final class WebhookNotifier implements Notifier {
    static final String SIGNATURE = "X-Paycli-Signature";
    static final String DELIVERY = "X-Paycli-Delivery";
    static final String EVENT = "X-Paycli-Event";

    private final WebPost post;
    private final Endpoint endpoint;
    private final String key;

    /** {@code key} is the HMAC key, or null to send unsigned. */
    WebhookNotifier(WebPost post, Endpoint endpoint, String key) {
        this.post = post;
        this.endpoint = endpoint;
        this.key = key;
    }

    @Override
    public void send(Message message) throws SendFailure {
        String body = MessageJson.write(message).toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DELIVERY, message.id());
        headers.put(EVENT, message.event().id());
        if (key != null) {
            headers.put(SIGNATURE, "sha256=" + hmac(key, body));
        }
        post.post(endpoint.url(), endpoint.source(), body, headers, endpoint.secrets());
    }

    static String hmac(String key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
