package io.paycli.core.archive;

import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import java.util.Map;

/**
 * One object of a cluster's installation as the archive keeps it: server-managed fields stripped, at
 * {@code cluster/<kind>/<name>.yaml} or {@code namespaces/<namespace>/<kind>/<name>.yaml} under {@code _cluster}.
 */
public record InstallObject(String apiVersion, String kind, String namespace, String name, Map<String, Object> body) {

    public ObjectRef ref() {
        return new ObjectRef(apiVersion, kind, namespace, name);
    }

    /** The object as a manifest to apply; {@code source} names its file in the archive. */
    public Manifest manifest() {
        return new Manifest(apiVersion, kind, namespace, name, body, path());
    }

    /** Its file, relative to the {@code _cluster} folder. */
    public String path() {
        String file = InstallKinds.folder(apiVersion, kind) + "/" + ArchivedStep.segment(name) + ".yaml";
        return namespace == null ? "cluster/" + file : "namespaces/" + ArchivedStep.segment(namespace) + "/" + file;
    }

    /** Kind namespace/name, for messages and tables. */
    @Override
    public String toString() {
        return ref().toString();
    }
}
