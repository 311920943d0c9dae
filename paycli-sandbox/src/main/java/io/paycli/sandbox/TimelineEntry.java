package io.paycli.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * One change of a stored object, as {@link Sandbox#timeline()} records it.
 *
 * @param sequence its place in the total order of the store's changes, from 1, without gaps
 * @param time when the change was stored
 * @param verb create, update, patch, apply or delete for a write through the API; create, update or delete for a
 *        simulated controller's change
 * @param subresource status or scale when the change went through that subresource, else null
 * @param actor the field manager of a write (fieldManager, else the client's user-agent name, as a real server
 *        records it: {@code paycli}, {@code kubectl-client-side-apply}); for a simulated controller the manager a
 *        real one shows in managedFields ({@code kube-controller-manager}, {@code kubelet})
 * @param group the API group, empty for the core group
 * @param kind the object's kind
 * @param namespace its namespace, null for a cluster-scoped object
 * @param name its name
 * @param json the object as stored after the change (for a delete, as it was last stored)
 */
public record TimelineEntry(long sequence, Instant time, String verb, String subresource, String actor, String group,
        String kind, String namespace, String name, String json) {

    /** A fresh copy of the object as stored after the change. */
    public Map<String, Object> object() {
        return Json.parse(json);
    }

    /** group/kind namespace/name, for messages. */
    public String resource() {
        return (group.isEmpty() ? "" : group + "/") + kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }

    @Override
    public String toString() {
        return "#" + sequence + " " + verb + (subresource == null ? "" : " " + subresource) + " " + resource() + " by "
                + actor;
    }
}
