package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Release records as Secrets in the app's namespace, one per revision, named {@code paycli-release.<app>.<env>.v<N>}.
 * Their labels are paycli.io/* and not the app's instance label, so pruning the app never sees them.
 */
final class SecretReleaseStore implements ReleaseStore {

    static final String TYPE = "paycli.io/release.v1";
    static final String RELEASE_OF = "paycli.io/release-of";
    static final String RELEASE_ENV = "paycli.io/release-env";
    static final String REVISION = "paycli.io/revision";

    private final ClusterClient cluster;
    private final Applier applier;
    private final Inventory inventory;
    private final String namespace;

    SecretReleaseStore(ClusterClient cluster, Applier applier, Inventory inventory, String namespace) {
        this.cluster = cluster;
        this.applier = applier;
        this.inventory = inventory;
        this.namespace = namespace;
    }

    static String secretName(String app, String env, int revision) {
        return "paycli-release." + app + "." + env + ".v" + revision;
    }

    @Override
    public List<Release> list(String app, String env) {
        List<Release> releases = new ArrayList<>();
        for (Map<String, Object> secret : secrets(app, env)) {
            releases.add(decode(secret));
        }
        return releases;
    }

    @Override
    public Optional<Release> get(String app, String env, int revision) {
        return inventory.get(ref(secretName(app, env, revision))).map(this::decode);
    }

    /** Applied (server-side apply is idempotent), so saving a revision again replaces its record. */
    @Override
    public void save(Release release) {
        String name = secretName(release.app(), release.env(), release.revision());
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put(RELEASE_OF, release.app());
        labels.put(RELEASE_ENV, release.env());
        labels.put(REVISION, String.valueOf(release.revision()));
        labels.put("app.kubernetes.io/managed-by", "paycli");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(ReleaseCodec.RECORD, base64(ReleaseCodec.record(release)));
        data.put(ReleaseCodec.MANIFESTS,
                base64(ReleaseCodec.gzip(release.manifests() == null ? "" : release.manifests())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metadata", new LinkedHashMap<>(Map.of("labels", labels)));
        body.put("type", TYPE);
        body.put("data", data);
        applier.apply(new io.paycli.core.model.Manifest("v1", "Secret", namespace, name, body, "release record"),
                false, true);
    }

    /**
     * A Secret holds at most 1 MiB of data, counted as decoded bytes. The message of a failed release is written
     * later and can grow, so a little room is kept for it.
     */
    static final int MAX_DATA_BYTES = 1024 * 1024;
    private static final int ROOM_FOR_MESSAGE = 16 * 1024;

    @Override
    public void requireFits(Release release) {
        long bytes = ReleaseCodec.record(release).length
                + ReleaseCodec.gzip(release.manifests() == null ? "" : release.manifests()).length;
        if (bytes + ROOM_FOR_MESSAGE > MAX_DATA_BYTES) {
            // Exact byte counts: rounded MiB would read "1.00 MiB, over the 1 MiB" just below the real limit.
            throw new InvalidInputException(String.format(Locale.ROOT, "the release record of %s %s would be %,d"
                    + " bytes even compressed, over the %,d bytes a release record may use (a Secret holds %,d bytes;"
                    + " %,d stay free for the message of a failed release): nothing was changed; make the rendered"
                    + " objects smaller (large files belong in an image or a volume)",
                    release.app(), release.tag(), bytes, MAX_DATA_BYTES - ROOM_FOR_MESSAGE, MAX_DATA_BYTES,
                    ROOM_FOR_MESSAGE));
        }
    }

    @Override
    public void prune(String app, String env, int keep) {
        deleteAllBut(keep, secrets(app, env).stream().map(s -> Fields.string(s, "metadata", "name")).toList());
    }

    /** Deletes the records of {@code newestFirst} (names) after the first {@code keep}. */
    private void deleteAllBut(int keep, List<String> newestFirst) {
        for (int i = Math.max(0, keep); i < newestFirst.size(); i++) {
            inventory.delete(ref(newestFirst.get(i)));
        }
    }

    /**
     * The list of the revisions to prune is sent while the record is written, not after: the list may or may not
     * hold the new record yet, so it is counted in by name, and the same revisions go as after a save.
     */
    @Override
    public void record(Release release, int keep) {
        List<Object> done = cluster.threads().all(List.<Supplier<Object>>of(() -> {
            save(release);
            return Boolean.TRUE;
        }, () -> secrets(release.app(), release.env())));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) done.get(1);
        Map<String, Long> revisions = new LinkedHashMap<>();
        revisions.put(secretName(release.app(), release.env(), release.revision()), (long) release.revision());
        listed.forEach(s -> revisions.put(Fields.string(s, "metadata", "name"), revision(s)));
        deleteAllBut(keep, revisions.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).map(Map.Entry::getKey).toList());
    }

    /** The release Secrets of an app and environment, newest revision first. */
    private List<Map<String, Object>> secrets(String app, String env) {
        Call call = Call.onKind("list", "v1", "Secret", namespace);
        List<GenericKubernetesResource> items = cluster.calls().idempotent(call,
                () -> cluster.in("v1", "Secret", namespace).withLabel(RELEASE_OF, app).withLabel(RELEASE_ENV, env)
                        .list().getItems());
        return items.stream().map(cluster::toMap)
                .filter(s -> TYPE.equals(s.get("type")))
                .sorted(Comparator.comparingLong(SecretReleaseStore::revision).reversed())
                .toList();
    }

    private static long revision(Map<String, Object> secret) {
        return Fields.number(secret, -1, "metadata", "labels", REVISION);
    }

    private Release decode(Map<String, Object> secret) {
        String name = Fields.string(secret, "metadata", "name");
        String record = Fields.string(secret, "data", ReleaseCodec.RECORD);
        String manifests = Fields.string(secret, "data", ReleaseCodec.MANIFESTS);
        if (record == null) {
            throw new io.paycli.core.error.ClusterException("the release record " + name + " in namespace "
                    + namespace + " has no " + ReleaseCodec.RECORD);
        }
        Base64.Decoder decoder = Base64.getDecoder();
        return ReleaseCodec.release(decoder.decode(record), manifests == null ? null : decoder.decode(manifests),
                name);
    }

    private ObjectRef ref(String name) {
        return new ObjectRef("v1", "Secret", namespace, name);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
