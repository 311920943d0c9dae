package io.paycli.core.validate;

import io.fabric8.kubernetes.api.model.Container;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Object, namespace, container, label and annotation names, checked the way the API server checks them. */
final class NameCheck {

    private enum Syntax {
        LABEL("a DNS-1123 label", Names.LABEL_MAX, Names::isDns1123Label,
                "lowercase letters, digits and '-', starting and ending with a letter or digit"),
        SUBDOMAIN("a DNS-1123 subdomain", Names.SUBDOMAIN_MAX, Names::isDns1123Subdomain,
                "lowercase letters, digits, '-' and '.', each part starting and ending with a letter or digit"),
        DNS1035("a DNS-1035 label", Names.LABEL_MAX, Names::isDns1035Label,
                "lowercase letters, digits and '-', starting with a letter and ending with a letter or digit"),
        PATH_SEGMENT("a valid name", Integer.MAX_VALUE, Names::isPathSegmentName,
                "anything but '.', '..', '/' and '%'");

        final String what;
        final int max;
        final Predicate<String> test;
        final String alphabet;

        Syntax(String what, int max, Predicate<String> test, String alphabet) {
            this.what = what;
            this.max = max;
            this.test = test;
            this.alphabet = alphabet;
        }
    }

    private static final Set<String> RBAC_KINDS = Set.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");

    private NameCheck() {
    }

    static void check(String kind, Map<?, ?> metadata, Findings findings) {
        if (metadata == null) {
            return;
        }
        if (metadata.get("name") instanceof String name) {
            name(name, syntaxFor(kind), "metadata.name", findings);
        }
        if (metadata.get("namespace") instanceof String namespace) {
            name(namespace, Syntax.LABEL, "metadata.namespace", findings);
        }
        labelsAndAnnotations(metadata.get("labels"), metadata.get("annotations"), "metadata", findings);
    }

    /** Template labels are read from the raw body: the typed model turns {@code 1.10} into "1.1" unnoticed. */
    static void checkPod(PodTemplate pod, Map<?, ?> body, Findings findings) {
        if (pod.metadataPath() != null && at(body, pod.metadataPath()) instanceof Map<?, ?> meta) {
            labelsAndAnnotations(meta.get("labels"), meta.get("annotations"), pod.metadataPath(), findings);
        }
        containers(pod.spec().getContainers(), Findings.child(pod.specPath(), "containers"), findings);
        containers(pod.spec().getInitContainers(), Findings.child(pod.specPath(), "initContainers"), findings);
    }

    private static Object at(Map<?, ?> body, String dottedPath) {
        Object node = body;
        for (String part : dottedPath.split("\\.")) {
            node = node instanceof Map<?, ?> map ? map.get(part) : null;
        }
        return node;
    }

    private static Syntax syntaxFor(String kind) {
        if ("Namespace".equals(kind)) {
            return Syntax.LABEL;
        }
        if ("Service".equals(kind)) {
            return Syntax.DNS1035; // the API server also requires a leading letter here
        }
        return RBAC_KINDS.contains(kind) ? Syntax.PATH_SEGMENT : Syntax.SUBDOMAIN;
    }

    private static void containers(List<Container> containers, String path, Findings findings) {
        for (int i = 0; i < containers.size(); i++) {
            String name = containers.get(i).getName();
            String at = Findings.index(path, i);
            if (name == null) {
                findings.error("dns-1123", Findings.child(at, "name"), "missing container name");
            } else {
                name(name, Syntax.LABEL, Findings.child(at, "name"), findings);
            }
        }
    }

    private static void name(String name, Syntax syntax, String path, Findings findings) {
        if (syntax.test.test(name)) {
            return;
        }
        String message = name.length() > syntax.max
                ? "\"" + name + "\" is " + name.length() + " characters; " + syntax.what + " allows at most " + syntax.max
                : "\"" + name + "\" is not " + syntax.what + ": use " + syntax.alphabet;
        findings.error("dns-1123", path, message);
    }

    private static void labelsAndAnnotations(Object labels, Object annotations, String path, Findings findings) {
        if (labels instanceof Map<?, ?> map) {
            String at = Findings.child(path, "labels");
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                qualifiedKey(key, "label", at, findings);
                if (!(v instanceof String value)) {
                    findings.error("label-syntax", Findings.key(at, key), "expected a string, got " + v + "; quote it");
                } else if (!Names.isLabelValue(value)) {
                    findings.error("label-syntax", Findings.key(at, key), "label value \"" + value + "\" is invalid: "
                            + "at most 63 of letters, digits, '-', '_' and '.', starting and ending with a letter or digit");
                }
            });
        }
        if (annotations instanceof Map<?, ?> map) {
            String at = Findings.child(path, "annotations");
            map.forEach((k, v) -> {
                qualifiedKey(String.valueOf(k), "annotation", at, findings);
                if (!(v instanceof String)) {
                    findings.error("label-syntax", Findings.key(at, String.valueOf(k)),
                            "expected a string, got " + v + "; quote it");
                }
            });
        }
    }

    private static void qualifiedKey(String key, String what, String path, Findings findings) {
        if (!Names.isQualifiedName(key)) {
            findings.error("label-syntax", Findings.key(path, key), what + " key \"" + key + "\" is invalid: "
                    + "an optional DNS subdomain prefix and '/', then at most 63 of letters, digits, '-', '_' and '.'"
                    + ", starting and ending with a letter or digit");
        }
    }
}
