package io.paycli.core.cluster;

/** What to tell the user when the server refuses to change an immutable field. */
final class ImmutableFields {

    private ImmutableFields() {
    }

    /** The way out for a field of a kind, such as "delete the Deployment or keep its selector". */
    static String advice(String kind, String field) {
        String f = field.startsWith(".") ? field.substring(1) : field;
        if (f.equals("spec.selector")) {
            return "delete the " + kind + " or keep its selector";
        }
        if (kind.equals("Service") && f.startsWith("spec.clusterIP")) {
            return "delete the Service or leave spec.clusterIP unset";
        }
        if (kind.equals("Job") && f.startsWith("spec.template")) {
            return "delete the Job, or give it a new name, to run a different template";
        }
        if ((kind.equals("ConfigMap") || kind.equals("Secret")) && (f.equals("data") || f.equals("binaryData"))) {
            return "it is marked immutable: give the " + kind + " a new name (a content hash in the name does this)"
                    + " or delete it";
        }
        if (kind.equals("StatefulSet") && f.startsWith("spec")) {
            return "delete the StatefulSet with --cascade=orphan and deploy again, or keep the field";
        }
        return "delete the " + kind + " and deploy again, or keep the field unchanged";
    }
}
