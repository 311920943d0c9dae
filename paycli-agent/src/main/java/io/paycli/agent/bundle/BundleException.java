package io.paycli.agent.bundle;

import io.paycli.core.error.InvalidInputException;

/** A deploy bundle the agent refuses to unpack, in one line naming the entry (when there is one) and the rule. */
public class BundleException extends InvalidInputException {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "bundle entry 'NAME': WHAT", the name printable on one line whatever it holds. */
    static BundleException entry(String name, String what) {
        return new BundleException("bundle entry '" + printable(name) + "': " + what);
    }

    /** The name with control characters escaped, so that a hostile name cannot forge extra log lines. */
    static String printable(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
