package io.paycli.sandbox;

import io.paycli.sandbox.Pods.State;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simulated kubelet: moves each pod it is given through the states its {@link PodBehaviour} asks for, one step
 * per rollout delay, and records the Warning events a kubelet would (a repeated one counts up, as the kubelet's
 * event correlator does). A crash-looping container is restarted with a doubling back-off, up to five minutes.
 */
final class Kubelet {

    /** The manager a real kubelet's pod status writes show. */
    static final String NAME = "kubelet";
    private static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);

    private final ObjectStore store;
    private final ScheduledExecutorService scheduler;
    private final Duration step;
    private final Consumer<Map<String, Object>> changed;

    /** @param changed told of every pod whose status changed, while the store is still locked */
    Kubelet(ObjectStore store, ScheduledExecutorService scheduler, Duration step,
            Consumer<Map<String, Object>> changed) {
        this.store = store;
        this.scheduler = scheduler;
        this.step = step;
        this.changed = changed;
    }

    /** The state a new pod of this behaviour starts in. */
    static State first(PodBehaviour behaviour) {
        return switch (behaviour) {
            case READY -> State.CREATING;
            case CRASH -> State.CRASH_LOOP;
            case PULL -> State.ERR_IMAGE_PULL;
            case SLOW_RESTART -> State.STARTING;
        };
    }

    /** Takes charge of a pod just created in its first state. */
    void admit(Map<String, Object> pod, PodBehaviour behaviour) {
        String namespace = Json.string(pod, "metadata", "namespace");
        String name = Json.string(pod, "metadata", "name");
        if (behaviour == PodBehaviour.CRASH) {
            record(pod, "BackOff", Pods.crashMessage(container(pod)));
        } else if (behaviour == PodBehaviour.PULL) {
            record(pod, "Failed", Pods.pullMessage(container(pod)));
        }
        later(() -> step(namespace, name, behaviour, 1, step), step);
    }

    private void step(String namespace, String name, PodBehaviour behaviour, int stage, Duration delay) {
        synchronized (store) {
            String path = Pods.PODS.objectPath(namespace, name);
            Map<String, Object> pod = store.get(path);
            if (pod == null) {
                return;
            }
            int restarts = restarts(pod);
            State state;
            boolean more = false;
            switch (behaviour) {
                case CRASH -> {
                    state = State.CRASH_LOOP;
                    restarts++;
                    more = true;
                    record(pod, "BackOff", Pods.crashMessage(container(pod)));
                }
                case PULL -> {
                    state = State.IMAGE_PULL_BACK_OFF;
                    record(pod, "BackOff", "Back-off pulling image \"" + container(pod).get("image") + "\"");
                }
                case SLOW_RESTART -> {
                    state = stage == 1 ? State.CRASH_LOOP : State.RUNNING;
                    if (stage == 1) {
                        restarts = 1;
                        more = true;
                        record(pod, "BackOff", Pods.crashMessage(container(pod)));
                    }
                }
                default -> state = State.RUNNING;
            }
            pod.put("status", Pods.status(name, Json.map(pod, "spec"), state, restarts,
                    Json.string(pod, "status", "startTime")));
            Timeline.as(NAME, () -> store.replaceStatus(path, pod));
            changed.accept(pod);
            if (more) {
                Duration next = behaviour == PodBehaviour.CRASH ? min(delay.multipliedBy(2), MAX_BACK_OFF) : step;
                later(() -> step(namespace, name, behaviour, stage + 1, next), delay);
            }
        }
    }

    /** Records a Warning event, or counts up the one recorded before for the same pod and reason. */
    private void record(Map<String, Object> pod, String reason, String message) {
        Timeline.as(NAME, () -> recordEvent(pod, reason, message));
    }

    private void recordEvent(Map<String, Object> pod, String reason, String message) {
        Map<String, Object> event = Pods.warning(pod, reason, message);
        String namespace = Json.string(pod, "metadata", "namespace");
        String path = Pods.EVENTS.objectPath(namespace, Json.string(event, "metadata", "name"));
        Map<String, Object> earlier = store.get(path);
        if (earlier == null) {
            store.create(Pods.EVENTS.collectionPath(namespace), event);
            return;
        }
        earlier.put("count", Json.number(earlier, 1, "count") + 1);
        earlier.put("lastTimestamp", Pods.now());
        earlier.put("message", message);
        store.replace(path, earlier);
    }

    private void later(Runnable task, Duration delay) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @SuppressWarnings("unchecked")
    private static int restarts(Map<String, Object> pod) {
        for (Object status : Json.list(pod, "status", "containerStatuses")) {
            return (int) Json.number((Map<String, Object>) status, 0, "restartCount");
        }
        return 0;
    }

    private static Map<?, ?> container(Map<String, Object> pod) {
        List<Object> containers = Json.list(pod, "spec", "containers");
        return containers.isEmpty() ? Map.of() : (Map<?, ?>) containers.get(0);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
