package io.paycli.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * The record of every change of the store, in the store's order, with who made it. A write through the API runs
 * under an {@link Actor} naming its verb and field manager; a change made outside one is a simulated controller's.
 * Only the newest {@code limit} entries are kept, so it can stay on.
 */
final class Timeline {

    /** Who is writing, and how. */
    record Actor(String name, String verb, String subresource) {
    }

    static final String CONTROLLER = "kube-controller-manager";

    private static final ThreadLocal<Actor> CURRENT = new ThreadLocal<>();

    private final int limit;
    private final ArrayDeque<TimelineEntry> entries = new ArrayDeque<>();
    private long sequence;

    Timeline(int limit) {
        this.limit = limit;
    }

    /** Runs a write as the given actor; changes it makes to the store are recorded under that actor. */
    static <T> T as(Actor actor, java.util.function.Supplier<T> write) {
        Actor before = CURRENT.get();
        CURRENT.set(actor);
        try {
            return write.get();
        } finally {
            restore(before);
        }
    }

    /** Runs a controller's step as the named manager. */
    static void as(String name, Runnable step) {
        as(new Actor(name, null, null), () -> {
            step.run();
            return null;
        });
    }

    /** The actor of this thread, replaced for the duration of a listener call so controllers speak for themselves. */
    static Actor swap(Actor actor) {
        Actor before = CURRENT.get();
        restore(actor);
        return before;
    }

    private static void restore(Actor actor) {
        if (actor == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(actor);
        }
    }

    /**
     * Appends one change; the caller holds the lock under which the store applied it, so the sequence follows the
     * store's order. storeVerb and subresource say which store operation made the change, for controllers.
     */
    void record(String storeVerb, String subresource, Map<String, Object> object, String json) {
        if (limit <= 0) {
            return;
        }
        Actor actor = CURRENT.get();
        String verb = actor == null || actor.verb() == null ? storeVerb : actor.verb();
        String sub = actor == null || actor.verb() == null ? subresource : actor.subresource();
        String name = actor == null ? CONTROLLER : actor.name();
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        synchronized (entries) {
            sequence++;
            entries.addLast(new TimelineEntry(sequence, Instant.now(), verb, sub, name, group,
                    String.valueOf(object.get("kind")), Json.string(object, "metadata", "namespace"),
                    Json.string(object, "metadata", "name"), json));
            while (entries.size() > limit) {
                entries.removeFirst();
            }
        }
    }

    List<TimelineEntry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }
}
