package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Table columns of each kind, with the names, types, formats and priorities kube-apiserver's printers give
 * them (priority 1 is what kubectl shows only with -o wide). A built-in kind without a printer gets Name and
 * Created At, a custom resource Name and Age, as on a real server.
 */
final class Printers {

    /** One column definition of a Table. */
    record Column(String name, String type, String format, int priority) {
        Map<String, Object> json() {
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("name", name);
            column.put("type", type);
            column.put("format", format);
            column.put("description", "");
            column.put("priority", priority);
            return column;
        }
    }

    /** The columns of a kind and how to compute a row's cells (and conditions, or null) from an object. */
    record Printer(List<Column> columns, Function<Map<String, Object>, List<Object>> cells,
            Function<Map<String, Object>, List<Object>> conditions) {
    }

    private static final Map<String, Printer> BY_KIND = new LinkedHashMap<>();

    static {
        String containers = "Containers*, Images*";
        add("apps/Deployment", "Name, Ready, Up-to-date, Available, Age, " + containers + ", Selector*",
                WorkloadCells::deployment);
        add("apps/ReplicaSet", "Name, Desired:integer, Current:integer, Ready:integer, Age, " + containers
                + ", Selector*", WorkloadCells::replicaSet);
        add("apps/StatefulSet", "Name, Ready, Age, " + containers, WorkloadCells::statefulSet);
        add("batch/Job", "Name, Status, Completions, Duration, Age, " + containers + ", Selector*", WorkloadCells::job);
        add("batch/CronJob", "Name, Schedule, Timezone, Suspend:boolean, Active:integer, Last Schedule, Age, "
                + containers + ", Selector*", WorkloadCells::cronJob);
        add("autoscaling/HorizontalPodAutoscaler", "Name, Reference, Targets, MinPods, MaxPods, Replicas, Age",
                WorkloadCells::autoscaler);
        BY_KIND.put("/Pod", new Printer(columns("Name, Ready, Status, Restarts, Age, IP*, Node*, Nominated Node*, "
                + "Readiness Gates*"), WorkloadCells::pod, WorkloadCells::podConditions));
        add("/Service", "Name, Type, Cluster-IP, External-IP, Port(s), Age, Selector*", ObjectCells::service);
        add("/ConfigMap", "Name, Data, Age", ObjectCells::configMap);
        add("/Secret", "Name, Type, Data, Age", ObjectCells::secret);
        add("/Namespace", "Name, Status, Age", ObjectCells::namespace);
        add("/ServiceAccount", "Name, Secrets, Age", ObjectCells::serviceAccount);
        String event = "Last Seen, Type, Reason, Object, Subobject*, Source*, Message, First Seen*, Count*, Name*";
        add("/Event", event, ObjectCells::event);
        add("events.k8s.io/Event", event, ObjectCells::event);
        add("networking.k8s.io/Ingress", "Name, Class, Hosts, Address, Ports, Age", ObjectCells::ingress);
        add("networking.k8s.io/NetworkPolicy", "Name, Pod-Selector, Age", ObjectCells::networkPolicy);
        add("coordination.k8s.io/Lease", "Name, Holder, Age", ObjectCells::lease);
        add("policy/PodDisruptionBudget", "Name, Min Available, Max Unavailable, Allowed Disruptions:integer, Age",
                ObjectCells::disruptionBudget);
        String binding = "Name, Role, Age, Users*, Groups*, ServiceAccounts*";
        add("rbac.authorization.k8s.io/RoleBinding", binding, ObjectCells::binding);
        add("rbac.authorization.k8s.io/ClusterRoleBinding", binding, ObjectCells::binding);
    }

    private static final Printer CREATED_AT = new Printer(List.of(new Column("Name", "string", "name", 0),
            new Column("Created At", "date", "", 0)), ObjectCells::createdAt, null);
    private static final Printer CUSTOM = new Printer(List.of(new Column("Name", "string", "name", 0),
            new Column("Age", "date", "", 0)), ObjectCells::customResource, null);

    private Printers() {
    }

    static Printer of(ResourceType type) {
        Printer printer = BY_KIND.get(type.group() + "/" + type.kind());
        if (printer != null) {
            return printer;
        }
        boolean builtIn = ResourceCatalog.builtIn(type.group(), type.version(), type.plural()).isPresent();
        return builtIn ? CREATED_AT : CUSTOM;
    }

    private static void add(String kind, String columns, Function<Map<String, Object>, List<Object>> cells) {
        BY_KIND.put(kind, new Printer(columns(columns), cells, null));
    }

    /**
     * Columns written as "Name, Ready, IP*, Desired:integer": a star marks priority 1, a colon the type (string
     * otherwise); the column called Name has the format "name".
     */
    private static List<Column> columns(String spec) {
        List<Column> columns = new ArrayList<>();
        for (String part : spec.split(",\\s*")) {
            int priority = part.endsWith("*") ? 1 : 0;
            String text = priority == 1 ? part.substring(0, part.length() - 1) : part;
            int colon = text.indexOf(':');
            String name = colon < 0 ? text : text.substring(0, colon);
            String type = colon < 0 ? "string" : text.substring(colon + 1);
            columns.add(new Column(name, type, name.equals("Name") ? "name" : "", priority));
        }
        return columns;
    }
}
