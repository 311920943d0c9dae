package io.paycli.core.deploy;

import io.paycli.core.model.ObjectRef;
import java.util.List;

/** What a deploy would change, object by object, as unified diffs of the live and the dry-run object. */
public record Diff(List<ObjectDiff> objects) {
    public Diff {
        objects = List.copyOf(objects);
    }

    public enum Change { ADDED, CHANGED, DELETED, UNCHANGED }

    public record ObjectDiff(ObjectRef ref, Change change, String unified) {
    }

    public boolean changed() {
        return objects.stream().anyMatch(o -> o.change() != Change.UNCHANGED);
    }
}
