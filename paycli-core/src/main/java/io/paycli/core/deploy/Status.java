package io.paycli.core.deploy;

import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import java.util.List;

/**
 * A release as the cluster knows it: the revision in place ({@code current}, the newest that
 * succeeded), the newest attempt ({@code latest}, which may have failed), the live state of
 * the current revision's objects, and who holds the deploy lock now ({@code lockHolder}, null
 * when no deploy is in progress or the lock cannot be read). Both releases are null when nothing
 * was ever deployed.
 */
public record Status(Target target, Release current, Release latest, List<ObjectState> objects, String lockHolder) {
    public Status {
        objects = List.copyOf(objects);
    }

    /** One object of the current revision: whether it exists and a short account of its state. */
    public record ObjectState(ObjectRef ref, boolean exists, boolean ready, String state) {
    }

    public boolean healthy() {
        return current != null && objects.stream().allMatch(o -> o.exists() && o.ready());
    }
}
