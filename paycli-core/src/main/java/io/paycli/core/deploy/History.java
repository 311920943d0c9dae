package io.paycli.core.deploy;

import io.paycli.core.model.Release;
import java.util.List;

/** The recorded revisions of one app in one environment, newest first. */
public record History(Target target, List<Release> releases) {
    public History {
        releases = List.copyOf(releases);
    }
}
