package io.paycli.core.model;

import java.util.List;

/**
 * The result of one render: the objects in apply order, and what produced them so that a release
 * can be traced back to the exact template and config.
 */
public record ManifestSet(
        String app,
        String env,
        String namespace,
        String tag,
        String image,
        String template,
        String templateVersion,
        String catalogCommit,
        String configMapName,
        String configHash,
        List<Manifest> manifests) {

    public ManifestSet {
        manifests = List.copyOf(manifests);
    }
}
