package io.paycli.core.cluster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One line for a kubeconfig that fabric8 could not parse, from the parser's multi-line message. */
final class BadKubeconfig {
    private BadKubeconfig() {
    }

    static String describe(RuntimeException e) {
        boolean yaml = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().contains("yaml")) {
                yaml = true;
            }
        }
        if (yaml) {
            String first = firstLine(e.getMessage());
            String where = lineOf(e.getMessage());
            return "not valid YAML" + (where.isEmpty() ? "" : " (" + where + ")") + (first.isEmpty() ? "" : ": " + first)
                    + "; fix the file or point --kubeconfig or KUBECONFIG at another";
        }
        String key = keyOf(e.getMessage());
        String what = !key.isEmpty() ? "the value of " + key + " has the wrong type"
                : "expected a mapping of clusters, contexts and users";
        return "not a kubeconfig (" + what + "); fix the file or point --kubeconfig or KUBECONFIG at another";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    /** The key path of a Jackson mapping error's reference chain (Config["clusters"] gives clusters), or empty. */
    private static String keyOf(String message) {
        if (message == null || !message.contains("reference chain")) {
            return "";
        }
        Matcher m = Pattern.compile("\\[\"([^\"]+)\"\\]|\\[(\\d+)\\]")
                .matcher(message.substring(message.indexOf("reference chain")));
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            path.append(m.group(1) != null ? (path.length() == 0 ? "" : ".") + m.group(1) : "[" + m.group(2) + "]");
        }
        return path.toString();
    }

    /** "line 3, column 1" from a SnakeYAML message, or empty. */
    private static String lineOf(String message) {
        if (message == null) {
            return "";
        }
        Matcher m = Pattern.compile("line (\\d+), column (\\d+)").matcher(message);
        return m.find() ? "line " + m.group(1) + ", column " + m.group(2) : "";
    }
}
