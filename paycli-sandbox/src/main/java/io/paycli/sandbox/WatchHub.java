package io.paycli.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.mockwebserver.crud.AttributeSet;

/**
 * Watches on any served type. A watch from a resourceVersion replays the changes after it from a bounded
 * history, so nothing between a list and its watch is lost; one older than the history gets the 410 Expired
 * error event a real server sends. Bookmarks are sent to watches that allow them.
 */
final class WatchHub implements ObjectStore.Listener {

    /** Where a watch's events go: a chunked HTTP response or a WebSocket. */
    interface Sink {
        void send(String json);

        void close();

        void onClose(Runnable action);
    }

    private static final int HISTORY = 5000;

    private final ObjectStore store;
    private final ScheduledExecutorService scheduler;
    private final Deque<ObjectStore.Change> history = new ArrayDeque<>();
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final AtomicInteger expireNext = new AtomicInteger();
    private long forgottenUpTo;

    private final class Watch {
        final ResourceType type;
        final AttributeSet query;
        final FieldSelector fields;
        final Sink sink;
        final boolean bookmarks;
        /** The Table (or metadata) view the client asked for, or null. */
        final AcceptedView view;
        private boolean sentColumns;

        Watch(ResourceType type, AttributeSet query, FieldSelector fields, Sink sink, boolean bookmarks,
                AcceptedView view) {
            this.type = type;
            this.query = query;
            this.fields = fields;
            this.sink = sink;
            this.bookmarks = bookmarks;
            this.view = view;
        }

        boolean matches(ObjectStore.Change change) {
            return change.attributes().matches(query) && fields.matches(EventShapes.as(type, change.object()));
        }

        void send(String type, Map<String, Object> object) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", type);
            Map<String, Object> served = EventShapes.as(this.type, object);
            boolean change = type.equals("ADDED") || type.equals("MODIFIED") || type.equals("DELETED");
            synchronized (this) {
                if (view != null && change) {
                    served = view.event(this.type, served, !sentColumns);
                    sentColumns = true;
                }
                event.put("object", served);
                sink.send(Json.write(event) + "\n");
            }
        }
    }

    WatchHub(ObjectStore store, ScheduledExecutorService scheduler, long bookmarkMillis) {
        this.store = store;
        this.scheduler = scheduler;
        scheduler.scheduleAtFixedRate(this::sendBookmarks, bookmarkMillis, bookmarkMillis, TimeUnit.MILLISECONDS);
    }

    void open(ApiRequest request, ResourceType type, ResourcePath at, Sink sink) {
        String path = at.namespace() == null ? type.apiRoot() + "/" + type.plural() : type.collectionPath(at.namespace());
        String labels = request.param("labelSelector");
        String selected = labels == null || labels.isEmpty() ? path
                : path + "?labelSelector=" + java.net.URLEncoder.encode(labels, java.nio.charset.StandardCharsets.UTF_8);
        AttributeSet query = store.getAttributeExtractor().fromPath(selected);
        Watch watch = new Watch(type, query, FieldSelector.parse(request.param("fieldSelector")), sink,
                "true".equals(request.param("allowWatchBookmarks")), AcceptedView.of(request));
        synchronized (store) {
            if (expireNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                expire(watch, "too old resource version");
                return;
            }
            String from = request.param("resourceVersion");
            if (from == null || from.isEmpty() || from.equals("0")) {
                for (Map<String, Object> object : store.list(selected)) {
                    if (watch.fields.matches(EventShapes.as(type, object))) {
                        watch.send("ADDED", object);
                    }
                }
            } else {
                long since = parse(from);
                synchronized (history) {
                    if (since < forgottenUpTo) {
                        expire(watch, "too old resource version: " + since + " (" + forgottenUpTo + ")");
                        return;
                    }
                    history.stream().filter(c -> c.resourceVersion() > since && watch.matches(c))
                            .forEach(c -> watch.send(c.type(), c.object()));
                }
            }
            watches.add(watch);
        }
        sink.onClose(() -> watches.remove(watch));
        String timeout = request.param("timeoutSeconds");
        if (timeout != null && !timeout.isEmpty()) {
            scheduler.schedule(() -> close(watch), parse(timeout), TimeUnit.SECONDS);
        }
    }

    @Override
    public void changed(ObjectStore.Change change) {
        synchronized (history) {
            history.addLast(change);
            while (history.size() > HISTORY) {
                forgottenUpTo = history.removeFirst().resourceVersion();
            }
        }
        for (Watch watch : watches) {
            if (watch.matches(change)) {
                watch.send(change.type(), change.object());
            }
        }
    }

    /** Ends every open watch, as a real server does every few minutes; clients must watch again. */
    void closeAll() {
        watches.forEach(this::close);
    }

    /** The next watches opened get a 410 Expired error event instead of events. */
    void expireNext(int count) {
        expireNext.addAndGet(count);
    }

    int openWatches() {
        return watches.size();
    }

    private void close(Watch watch) {
        watches.remove(watch);
        watch.sink.close();
    }

    private void expire(Watch watch, String message) {
        watch.send("ERROR", StatusBody.map(410, "Expired", message, null));
        watch.sink.close();
    }

    private void sendBookmarks() {
        long latest = store.latestResourceVersion();
        for (Watch watch : watches) {
            if (watch.bookmarks) {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("kind", watch.type.kind());
                object.put("apiVersion", watch.type.groupVersion());
                object.put("metadata", Map.of("resourceVersion", String.valueOf(latest)));
                watch.send("BOOKMARK", object);
            }
        }
    }

    private static long parse(String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new ApiException(400, "BadRequest", "not a number: " + number);
        }
    }
}
