package io.paycli.sandbox;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The store's objects by resource, namespace and name. fabric8's CRUD dispatcher answers every get and list by
 * matching each stored object, so a request cost grew with the whole store (thousands of pods and events in a
 * restore of hundreds of apps); here a request reads only its resource's objects, narrowed by namespace and name.
 * Items come in namespace, then name order, as a real API server lists them from its key space.
 *
 * <p>{@link ObjectStore#processEvent} is the only place the dispatcher's map changes, and it keeps this index in
 * step, under the dispatcher's write lock; readers see each object's newest stored state.
 */
final class ObjectIndex {
    private static final String PLURAL = KubernetesAttributesExtractor.PLURAL;
    private static final String NAMESPACE = KubernetesAttributesExtractor.NAMESPACE;
    private static final String NAME = KubernetesAttributesExtractor.NAME;

    private record Stored(AttributeSet key, String json) {
    }

    private final Map<String, NavigableMap<String, Stored>> byPlural = new ConcurrentHashMap<>();

    /** Whether a query names its resource; one that does not (discovery) is left to the dispatcher. */
    static boolean covers(AttributeSet query) {
        return value(query, PLURAL) != null;
    }

    /**
     * Stores {@code json} under {@code key} (none: a deletion) in place of the object under {@code old} (none: a
     * creation). The new state replaces the old in one step, so a reader never finds neither.
     */
    void replace(AttributeSet old, AttributeSet key, String json) {
        if (key != null) {
            map(key).put(position(key), new Stored(key, json));
        }
        if (old != null && (key == null || !map(old).equals(map(key)) || !position(old).equals(position(key)))) {
            map(old).computeIfPresent(position(old), (k, stored) -> stored.key().equals(old) ? null : stored);
        }
    }

    private NavigableMap<String, Stored> map(AttributeSet key) {
        String plural = value(key, PLURAL);
        return byPlural.computeIfAbsent(plural == null ? "" : plural, p -> new ConcurrentSkipListMap<>());
    }

    /** The stored objects the query matches. */
    List<Map.Entry<AttributeSet, String>> find(AttributeSet query) {
        NavigableMap<String, Stored> objects = byPlural.get(value(query, PLURAL));
        List<Map.Entry<AttributeSet, String>> found = new ArrayList<>();
        if (objects == null) {
            return found;
        }
        String namespace = value(query, NAMESPACE);
        String name = value(query, NAME);
        if (namespace != null && name != null) {
            Stored one = objects.get(namespace + '/' + name);
            objects = one == null ? new ConcurrentSkipListMap<>() : new ConcurrentSkipListMap<>(Map.of("", one));
        } else if (namespace != null) {
            // '0' follows '/', so this is every key that starts with "namespace/".
            objects = objects.subMap(namespace + '/', true, namespace + '0', false);
        }
        for (Stored stored : objects.values()) {
            if (stored.key().matches(query)) {
                found.add(new AbstractMap.SimpleImmutableEntry<>(stored.key(), stored.json()));
            }
        }
        return found;
    }

    private static String position(AttributeSet key) {
        String namespace = value(key, NAMESPACE);
        return (namespace == null ? "" : namespace) + '/' + value(key, NAME);
    }

    private static String value(AttributeSet set, String key) {
        Attribute attribute = set.getAttribute(key);
        return attribute == null || attribute.getValues().size() != 1 ? null
                : attribute.getValues().get(0).toString();
    }
}
