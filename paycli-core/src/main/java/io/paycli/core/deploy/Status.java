package io.paycli.core.deploy;

import io.paycli.core.model.Colour;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import java.time.Instant;
import java.util.List;

/**
 * A release as the cluster knows it: the revision in place ({@code current}, the newest that
 * succeeded), the newest attempt ({@code latest}, which may have failed), the live state of
 * the current revision's objects, and who holds the deploy lock now ({@code lockHolder}, null
 * when no deploy is in progress or the lock cannot be read). Both releases are null when nothing
 * was ever deployed. {@code colours} is empty unless the revision in place is blue-green.
 */
public record Status(Target target, Release current, Release latest, List<ObjectState> objects, String lockHolder,
                     List<ColourState> colours) {
    public Status {
        objects = List.copyOf(objects);
        colours = List.copyOf(colours);
    }

    /** A rolling app's status: no colours. */
    public Status(Target target, Release current, Release latest, List<ObjectState> objects, String lockHolder) {
        this(target, current, latest, objects, lockHolder, List.of());
    }

    /**
     * One colour of a blue-green app: its Deployment, whether the Service {@code <app>} selects it, the tag and
     * revision it runs (null when unknown), its live replica counts, and when it will be scaled to 0 (null when
     * no window runs).
     */
    public record ColourState(Colour colour, String deployment, boolean live, String tag, Integer revision,
                              boolean exists, int ready, int replicas, Instant scaleDownAt) {
    }

    /** One object of the current revision: whether it exists and a short account of its state. */
    public record ObjectState(ObjectRef ref, boolean exists, boolean ready, String state) {
    }

    public boolean healthy() {
        return current != null && objects.stream().allMatch(o -> o.exists() && o.ready());
    }
}
