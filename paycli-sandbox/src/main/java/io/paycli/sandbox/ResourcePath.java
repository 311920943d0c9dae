package io.paycli.sandbox;

import java.util.Arrays;
import java.util.List;

/** An API URL taken apart: /apis/GROUP/VERSION[/namespaces/NS]/PLURAL[/NAME[/SUBRESOURCE]]. */
record ResourcePath(String group, String version, String namespace, String plural, String name,
        String subresource) {

    /** The parts of the URL, or null when it is not a resource URL. */
    static ResourcePath parse(String path) {
        List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        String group;
        String version;
        List<String> rest;
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            group = "";
            version = parts.get(1);
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            version = parts.get(2);
            rest = parts.subList(3, parts.size());
        } else {
            return null;
        }
        String namespace = null;
        boolean namespaceObject = rest.size() == 3 && rest.get(0).equals("namespaces")
                && List.of("status", "finalize").contains(rest.get(2));
        if (rest.size() >= 3 && rest.get(0).equals("namespaces") && !namespaceObject) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty() || rest.size() > 3) {
            return null;
        }
        return new ResourcePath(group, version, namespace, rest.get(0), rest.size() > 1 ? rest.get(1) : null,
                rest.size() > 2 ? rest.get(2) : null);
    }
}
