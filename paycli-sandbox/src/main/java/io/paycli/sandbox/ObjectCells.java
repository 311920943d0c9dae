package io.paycli.sandbox;

import static io.paycli.sandbox.CellFormat.age;
import static io.paycli.sandbox.CellFormat.count;
import static io.paycli.sandbox.CellFormat.text;
import static io.paycli.sandbox.WorkloadCells.name;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The cells of the Table rows of the non-workload kinds, as kube-apiserver's printers compute them. */
final class ObjectCells {

    private ObjectCells() {
    }

    static List<Object> service(Map<String, Object> svc) {
        List<Object> clusterIps = Json.list(svc, "spec", "clusterIPs");
        String clusterIp = clusterIps.isEmpty() ? text(svc, "<none>", "spec", "clusterIP")
                : String.valueOf(clusterIps.get(0));
        List<String> ports = new ArrayList<>();
        for (Object p : Json.list(svc, "spec", "ports")) {
            Map<?, ?> port = (Map<?, ?>) p;
            Object protocol = port.get("protocol") == null ? "TCP" : port.get("protocol");
            Object nodePort = port.get("nodePort");
            ports.add(port.get("port") + (nodePort == null || "0".equals(String.valueOf(nodePort)) ? ""
                    : ":" + nodePort) + "/" + protocol);
        }
        return List.of(name(svc), text(svc, "ClusterIP", "spec", "type"), clusterIp, externalIp(svc),
                ports.isEmpty() ? "<none>" : String.join(",", ports), age(svc),
                CellFormat.labels(Json.map(svc, "spec", "selector")));
    }

    private static String externalIp(Map<String, Object> svc) {
        List<String> external = Json.list(svc, "spec", "externalIPs").stream().map(String::valueOf).toList();
        switch (text(svc, "ClusterIP", "spec", "type")) {
            case "ClusterIP", "NodePort":
                return external.isEmpty() ? "<none>" : String.join(",", external);
            case "LoadBalancer":
                List<String> all = new ArrayList<>(loadBalancer(svc));
                all.addAll(external);
                return all.isEmpty() ? "<pending>" : String.join(",", all);
            case "ExternalName":
                return text(svc, "", "spec", "externalName");
            default:
                return "<unknown>";
        }
    }

    /** The IPs or host names of status.loadBalancer.ingress, sorted and without duplicates. */
    private static List<String> loadBalancer(Map<String, Object> object) {
        Set<String> addresses = new TreeSet<>();
        for (Object i : Json.list(object, "status", "loadBalancer", "ingress")) {
            Map<?, ?> ingress = (Map<?, ?>) i;
            Object address = ingress.get("ip") != null && !"".equals(ingress.get("ip")) ? ingress.get("ip")
                    : ingress.get("hostname");
            if (address != null && !"".equals(address)) {
                addresses.add(String.valueOf(address));
            }
        }
        return new ArrayList<>(addresses);
    }

    static List<Object> ingress(Map<String, Object> ing) {
        List<String> hosts = new ArrayList<>();
        List<Object> rules = Json.list(ing, "spec", "rules");
        for (Object r : rules) {
            Object host = ((Map<?, ?>) r).get("host");
            if (hosts.size() < 3 && host != null && !"".equals(host)) {
                hosts.add(String.valueOf(host));
            }
        }
        String hostText = hosts.isEmpty() ? "*" : String.join(",", hosts)
                + (rules.size() > 3 ? " + " + (rules.size() - 3) + " more..." : "");
        return List.of(name(ing), text(ing, "<none>", "spec", "ingressClassName"), hostText,
                String.join(",", loadBalancer(ing)), Json.list(ing, "spec", "tls").isEmpty() ? "80" : "80, 443",
                age(ing));
    }

    static List<Object> configMap(Map<String, Object> cm) {
        return List.of(name(cm), (long) (size(cm, "data") + size(cm, "binaryData")), age(cm));
    }

    static List<Object> secret(Map<String, Object> secret) {
        Set<String> keys = new HashSet<>();
        for (String field : new String[] {"data", "stringData"}) {
            Map<String, Object> entries = Json.map(secret, field);
            if (entries != null) {
                keys.addAll(entries.keySet());
            }
        }
        return List.of(name(secret), text(secret, "Opaque", "type"), (long) keys.size(), age(secret));
    }

    static List<Object> namespace(Map<String, Object> ns) {
        return List.of(name(ns), text(ns, "", "status", "phase"), age(ns));
    }

    static List<Object> lease(Map<String, Object> lease) {
        return List.of(name(lease), text(lease, "", "spec", "holderIdentity"), age(lease));
    }

    static List<Object> disruptionBudget(Map<String, Object> pdb) {
        return List.of(name(pdb), text(pdb, "N/A", "spec", "minAvailable"), text(pdb, "N/A", "spec", "maxUnavailable"),
                count(pdb, "status", "disruptionsAllowed"), age(pdb));
    }

    static List<Object> serviceAccount(Map<String, Object> sa) {
        return List.of(name(sa), (long) Json.list(sa, "secrets").size(), age(sa));
    }

    static List<Object> networkPolicy(Map<String, Object> np) {
        Map<String, Object> selector = Json.map(np, "spec", "podSelector");
        return List.of(name(np), CellFormat.selector(selector == null ? Map.of() : selector, "<none>"), age(np));
    }

    /** RoleBinding and ClusterRoleBinding: Name, Role, Age, then Users, Groups and ServiceAccounts. */
    static List<Object> binding(Map<String, Object> binding) {
        List<String> users = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        for (Object s : Json.list(binding, "subjects")) {
            Map<?, ?> subject = (Map<?, ?>) s;
            String subjectName = String.valueOf(subject.get("name"));
            switch (String.valueOf(subject.get("kind"))) {
                case "User" -> users.add(subjectName);
                case "Group" -> groups.add(subjectName);
                case "ServiceAccount" -> accounts.add(subject.get("namespace") + "/" + subjectName);
                default -> { }
            }
        }
        return List.of(name(binding), text(binding, "", "roleRef", "kind") + "/" + text(binding, "", "roleRef", "name"),
                age(binding), String.join(", ", users), String.join(", ", groups), String.join(", ", accounts));
    }

    /** A core/v1 Event (an events.k8s.io one is converted first): Last Seen, Type, Reason, Object, ... Name. */
    static List<Object> event(Map<String, Object> stored) {
        Map<String, Object> event = EventShapes.as(Pods.EVENTS, stored);
        String first = Json.string(event, "firstTimestamp");
        String firstSeen = first != null ? CellFormat.since(first) : CellFormat.since(Json.string(event, "eventTime"));
        String last = Json.string(event, "lastTimestamp");
        String lastSeen = last != null ? CellFormat.since(last) : firstSeen;
        long count = Json.number(event, 0, "count");
        if (Json.map(event, "series") != null) {
            lastSeen = CellFormat.since(Json.string(event, "series", "lastObservedTime"));
            count = Json.number(event, 0, "series", "count");
        } else if (count == 0) {
            count = 1;
        }
        String kind = text(event, "", "involvedObject", "kind").toLowerCase(Locale.ROOT);
        String involved = Json.string(event, "involvedObject", "name");
        String component = text(event, text(event, "", "reportingComponent"), "source", "component");
        String host = text(event, text(event, "", "reportingInstance"), "source", "host");
        return List.of(lastSeen, text(event, "", "type"), text(event, "", "reason"),
                involved == null || involved.isEmpty() ? kind : kind + "/" + involved,
                text(event, "", "involvedObject", "fieldPath"), host.isEmpty() ? component : component + ", " + host,
                text(event, "", "message").trim(), firstSeen, count, name(event));
    }

    /** Name and Created At, the table of a kind the server has no printer for. */
    static List<Object> createdAt(Map<String, Object> object) {
        return List.of(name(object), text(object, "", "metadata", "creationTimestamp"));
    }

    /** Name and Age, the table of a custom resource whose definition names no columns. */
    static List<Object> customResource(Map<String, Object> object) {
        return List.of(name(object), age(object));
    }

    private static int size(Map<String, Object> object, String field) {
        Map<String, Object> entries = Json.map(object, field);
        return entries == null ? 0 : entries.size();
    }
}
