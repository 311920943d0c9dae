package io.paycli.core.notify;

import io.paycli.core.model.NotifyTarget;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Function;

/** The notifier of a target's channel, its secrets read from the environment when it is made. */
final class Notifiers {
    private final Function<String, String> env;
    private final Duration timeout;
    /** Made when a web target first needs it: its TLS set-up costs a deploy without web targets ~0.1 s. */
    private HttpClient http;

    Notifiers(Function<String, String> env, Duration timeout) {
        this.env = env;
        this.timeout = timeout;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    Secrets secrets(NotifyTarget target) {
        return new Secrets(env, target);
    }

    Notifier of(NotifyTarget target, Secrets secrets) throws SendFailure {
        if (target.type().equals("email")) {
            return new EmailNotifier(target, timeout, secrets);
        }
        WebPost post = new WebPost(http(), timeout);
        Endpoint endpoint = target.urlEnv() != null
                ? new Endpoint(secrets.required(target.urlEnv()), "the value of " + target.urlEnv(), secrets)
                : new Endpoint(target.url(), "url", secrets);
        return switch (target.type()) {
            case "slack" -> new SlackNotifier(post, endpoint);
            case "teams" -> new TeamsNotifier(post, endpoint);
            case "webhook" -> new WebhookNotifier(post, endpoint, secrets.optional(target.secretEnv()));
            default -> throw new SendFailure("unknown type " + target.type(), false);
        };
    }
}
