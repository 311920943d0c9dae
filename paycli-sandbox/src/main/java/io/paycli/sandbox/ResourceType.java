package io.paycli.sandbox;

import java.util.List;

/** One kind of object the server serves: where it lives in the URL space and what discovery says about it. */
record ResourceType(String group, String version, String plural, String singular, String kind, boolean namespaced,
        List<String> shortNames, List<String> subresources) {

    static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update",
            "watch");

    String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The prefix of every URL for this type, before any namespace: /api/v1 or /apis/group/version. */
    String apiRoot() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    String collectionPath(String namespace) {
        return namespaced ? apiRoot() + "/namespaces/" + namespace + "/" + plural : apiRoot() + "/" + plural;
    }

    String objectPath(String namespace, String name) {
        return collectionPath(namespace) + "/" + name;
    }

    /** The name used in messages, such as deployments.apps. */
    String qualifiedPlural() {
        return group.isEmpty() ? plural : plural + "." + group;
    }
}
