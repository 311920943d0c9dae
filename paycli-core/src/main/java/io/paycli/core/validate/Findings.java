package io.paycli.core.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects the findings for one object; policy findings take the severity the caller chose. */
final class Findings {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private final String ref;
    private final Finding.Severity policySeverity;
    private final List<Finding> found = new ArrayList<>();

    Findings(String ref, boolean strict) {
        this.ref = ref;
        this.policySeverity = strict ? Finding.Severity.ERROR : Finding.Severity.WARNING;
    }

    String ref() {
        return ref;
    }

    void error(String rule, String path, String message) {
        found.add(Finding.error(rule, ref, path, message));
    }

    void policy(String rule, String path, String message) {
        found.add(new Finding(policySeverity, rule, ref, path, message));
    }

    List<Finding> list() {
        return found;
    }

    static String child(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Map keys such as {@code app.kubernetes.io/name} are quoted so the path stays unambiguous. */
    static String key(String path, String key) {
        return PLAIN_KEY.matcher(key).matches() ? child(path, key) : path + "[\"" + key + "\"]";
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }
}
