package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * fabric8's CRUD dispatcher used as the object store, called in-process. It keeps the objects, their selectors,
 * uid, generation and resourceVersion (with its 409 on a stale one); this subclass reports every change so
 * watches and the simulated controllers can follow.
 */
final class ObjectStore extends KubernetesCrudDispatcher {

    /** A stored object changed; type is ADDED, MODIFIED or DELETED as in a watch event. */
    record Change(String type, Map<String, Object> object, AttributeSet attributes, long resourceVersion) {
    }

    interface Listener {
        void changed(Change change);
    }

    /** What the mock answered: its code and body (possibly empty). */
    record Reply(int code, String body) {
        boolean ok() {
            return code >= 200 && code < 300;
        }

        Map<String, Object> object() {
            return Json.parse(body);
        }
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong latest = new AtomicLong();
    private final Timeline timeline;
    /** The store operation this thread is in: its verb and subresource, for the timeline. */
    private final ThreadLocal<String[]> operation = new ThreadLocal<>();
    /** Held while the map changes and the change is recorded, so the timeline's order is the store's. */
    private final Object order = new Object();
    private final ObjectIndex index = new ObjectIndex();

    ObjectStore(Timeline timeline) {
        this.timeline = timeline;
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** The newest resourceVersion handed out, for bookmarks. */
    long latestResourceVersion() {
        return latest.get();
    }

    /** Reads and lists from the index; watches and discovery paths stay with the dispatcher. */
    @Override
    public MockResponse handleGet(String path) {
        AttributeSet query = getAttributeExtractor().fromPath(path);
        if (path.contains("watch=true") || !ObjectIndex.covers(query)) {
            return super.handleGet(path);
        }
        // Taken before the items, so a watch from this version misses none of the changes the list may lack.
        long version = latest.get();
        List<Map.Entry<AttributeSet, String>> found = index.find(query);
        MockResponse response = new MockResponse();
        if (query.containsKey(KubernetesAttributesExtractor.NAME)) {
            return found.isEmpty() ? response.setResponseCode(404)
                    : response.setResponseCode(200).setBody(found.get(0).getValue());
        }
        List<String> items = new ArrayList<>();
        found.forEach(e -> items.add(e.getValue()));
        return response.setResponseCode(200).setBody(((KubernetesResponseComposer) getResponseComposer())
                .compose(items, String.valueOf(version)));
    }

    /** The stored object a write addresses, from the index (the dispatcher's own search reads every object). */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        if (!ObjectIndex.covers(query)) {
            return super.findResource(query);
        }
        List<Map.Entry<AttributeSet, String>> found = index.find(query);
        return found.isEmpty() ? null : found.get(0);
    }

    Map<String, Object> get(String objectPath) {
        MockResponse response = handleGet(objectPath);
        return response.code() == 200 ? Json.parse(body(response)) : null;
    }

    /** The items of a collection path; selectors in the query are honoured by the mock. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String collectionPath) {
        MockResponse response = handleGet(collectionPath);
        if (response.code() != 200) {
            return List.of();
        }
        Object items = Json.parse(body(response)).get("items");
        List<Map<String, Object>> out = new ArrayList<>();
        if (items instanceof List) {
            ((List<Object>) items).forEach(i -> out.add((Map<String, Object>) i));
        }
        return out;
    }

    /** The items of a collection path whose labels include {@code labels} (all items when null or empty). */
    List<Map<String, Object>> list(String collectionPath, Map<String, Object> labels) {
        if (labels == null || labels.isEmpty()) {
            return list(collectionPath);
        }
        StringBuilder selector = new StringBuilder();
        labels.forEach((k, v) -> selector.append(selector.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return list(collectionPath + "?labelSelector=" + java.net.URLEncoder.encode(selector.toString(),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** All stored objects, for the namespace cleanup that a real server's namespace controller does. */
    List<Map<String, Object>> all() {
        List<String> values;
        synchronized (map) {
            values = new ArrayList<>(map.values());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        values.forEach(v -> out.add(Json.parse(v)));
        return out;
    }

    Reply create(String collectionPath, Map<String, Object> object) {
        Reply reply = in("create", null, () -> reply(handleCreate(request(HttpMethod.POST, collectionPath, object))));
        return new Reply(reply.code(), JobDefaults.withUid(reply.body()));
    }

    Reply replace(String objectPath, Map<String, Object> object) {
        return in("update", null, () -> reply(handleUpdate(request(HttpMethod.PUT, objectPath, object))));
    }

    /** Writes only the status of the stored object, leaving generation alone. */
    Reply replaceStatus(String objectPath, Map<String, Object> object) {
        return in("update", "status",
                () -> reply(handleUpdate(request(HttpMethod.PUT, objectPath + "/status", object))));
    }

    Reply delete(String objectPath) {
        return in("delete", null, () -> reply(handleDelete(objectPath)));
    }

    private Reply in(String verb, String subresource, java.util.function.Supplier<Reply> write) {
        String[] before = operation.get();
        operation.set(new String[] {verb, subresource});
        try {
            return write.get();
        } finally {
            if (before == null) {
                operation.remove();
            } else {
                operation.set(before);
            }
        }
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
            GenericKubernetesResource resource, String state) {
        String newState = JobDefaults.withUid(state);
        Change change;
        synchronized (order) {
            String existing;
            synchronized (map) {
                existing = oldAttributes == null ? null : map.get(oldAttributes);
            }
            super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
            index(pathAttributes, oldAttributes, resource, newState);
            if (Objects.equals(existing, newState)) {
                return;
            }
            String json = newState;
            if (newState == null) {
                Map<String, Object> gone = Json.parse(existing);
                long version = requestResourceVersion();
                Json.mapOrCreate(gone, "metadata").put("resourceVersion", String.valueOf(version));
                change = new Change("DELETED", gone, oldAttributes, version);
                json = Json.write(gone);
            } else {
                Map<String, Object> object = Json.parse(newState);
                AttributeSet attributes = AttributeSet.merge(pathAttributes,
                        getAttributeExtractor().fromResource(newState));
                long version = Json.number(object, 0, "metadata", "resourceVersion");
                change = new Change(existing == null ? "ADDED" : "MODIFIED", object, attributes, version);
            }
            // After the index, so that a list taking this version holds the change.
            latest.accumulateAndGet(change.resourceVersion(), Math::max);
            String[] op = operation.get();
            timeline.record(op == null ? "update" : op[0], op == null ? null : op[1], change.object(), json);
        }
        // Controllers that act at once on a change act for themselves, not for the writer that caused it.
        Timeline.Actor writer = Timeline.swap(null);
        String[] op = operation.get();
        operation.remove();
        try {
            listeners.forEach(l -> l.changed(change));
        } finally {
            Timeline.swap(writer);
            if (op != null) {
                operation.set(op);
            }
        }
    }

    /** Mirrors the dispatcher's map change: the old key out, the new state under the key the dispatcher made. */
    private void index(AttributeSet path, AttributeSet old, GenericKubernetesResource resource, String state) {
        AttributeSet key = null;
        if (state != null) {
            KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) getAttributeExtractor();
            key = resource != null ? extractor.extract(resource) : extractor.fromResource(state);
            key = key.containsKey(KubernetesAttributesExtractor.PLURAL) ? key : AttributeSet.merge(path, key);
        }
        index.replace(old, key, state);
    }

    private static RecordedRequest request(HttpMethod method, String path, Map<String, Object> object) {
        byte[] body = Json.write(object).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Headers headers = Headers.builder().add("Content-Type", "application/json").build();
        return new RecordedRequest("HTTP/1.1", method, path, headers, new Buffer(body));
    }

    private static Reply reply(MockResponse response) {
        return new Reply(response.code(), body(response));
    }

    private static String body(MockResponse response) {
        Buffer body = response.getBody();
        return body == null ? "" : new String(body.getBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
