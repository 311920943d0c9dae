package io.paycli.core.validate;

import java.util.Objects;

/**
 * One problem with one rendered object.
 *
 * @param severity ERROR fails validation; WARNING is reported but lets a deploy go on
 * @param rule     short kebab-case id such as {@code unknown-field} or {@code image-tag}
 * @param ref      the object as {@code Kind/name}
 * @param path     the field inside the object, e.g. {@code spec.template.spec.containers[0].image};
 *                 empty when the finding is about the object as a whole
 * @param message  one line for a person
 */
public record Finding(Severity severity, String rule, String ref, String path, String message) {

    public enum Severity { ERROR, WARNING }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(message, "message");
        path = path == null ? "" : path;
    }

    public static Finding error(String rule, String ref, String path, String message) {
        return new Finding(Severity.ERROR, rule, ref, path, message);
    }

    public static Finding warning(String rule, String ref, String path, String message) {
        return new Finding(Severity.WARNING, rule, ref, path, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code Deployment/web: spec.replicas: expected an integer, got "two"}. */
    public String describe() {
        return path.isEmpty() ? ref + ": " + message : ref + ": " + path + ": " + message;
    }

    @Override
    public String toString() {
        return describe();
    }
}
