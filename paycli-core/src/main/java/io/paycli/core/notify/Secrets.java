package io.paycli.core.notify;

import io.paycli.core.model.NotifyTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The secrets of one target, read from the environment when a message is sent, and the one way text about a send
 * leaves this package: {@link #redact} takes every secret value out, and every URL, since a library's exception may
 * quote the endpoint it could not reach.
 */
final class Secrets {
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://\\S+");

    private final Function<String, String> env;
    private final List<String> values = new ArrayList<>();

    Secrets(Function<String, String> env, NotifyTarget target) {
        this.env = env;
        if (target.url() != null) {
            values.add(target.url());
        }
        // The SMTP user is no secret, and a short one would garble every message it is taken out of.
        for (String name : new String[] {target.urlEnv(), target.secretEnv(), target.passwordEnv()}) {
            String value = name == null ? null : env.apply(name);
            if (value != null && !value.isEmpty()) {
                values.add(value);
            }
        }
    }

    /** The value of a variable the target names; a failure worth retrying when it is not set (a later run may). */
    String required(String name) throws SendFailure {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            throw new SendFailure("the environment variable " + name + " is not set", true);
        }
        return value;
    }

    /** The value of a variable the target may name, or null. */
    String optional(String name) throws SendFailure {
        return name == null ? null : required(name);
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String safe = text;
        for (String secret : values) {
            safe = safe.replace(secret, "***");
        }
        return URL.matcher(safe).replaceAll("<url>");
    }
}
