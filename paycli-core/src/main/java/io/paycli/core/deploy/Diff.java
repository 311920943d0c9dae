package io.paycli.core.deploy;

import io.paycli.core.model.ObjectRef;
import java.util.List;

/**
 * What a deploy would change, object by object, as unified diffs of the live and the dry-run object;
 * {@code missingNamespace} names the target namespace when it does not exist yet (every object is then new), else null.
 */
public record Diff(List<ObjectDiff> objects, String missingNamespace) {
    public Diff {
        objects = List.copyOf(objects);
    }

    public Diff(List<ObjectDiff> objects) {
        this(objects, null);
    }

    public enum Change { ADDED, CHANGED, DELETED, UNCHANGED }

    public record ObjectDiff(ObjectRef ref, Change change, String unified) {
    }

    public boolean changed() {
        return objects.stream().anyMatch(o -> o.change() != Change.UNCHANGED);
    }
}
