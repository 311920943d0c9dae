package io.paycli.core.model;

import java.util.Map;

/**
 * One rendered Kubernetes object. {@code body} is the complete object as plain maps and lists,
 * with keys in canonical (sorted) order; {@code source} names the template file that produced it.
 */
public record Manifest(String apiVersion, String kind, String namespace, String name,
                       Map<String, Object> body, String source) {

    /** {@code Kind/name}, the way kubectl names an object. */
    public String ref() {
        return kind + "/" + name;
    }

    /** {@code Kind namespace/name}, for messages. */
    public String describe() {
        return namespace == null ? kind + " " + name : kind + " " + namespace + "/" + name;
    }
}
