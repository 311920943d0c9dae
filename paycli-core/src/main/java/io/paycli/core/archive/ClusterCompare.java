package io.paycli.core.archive;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.deploy.Drift;
import io.paycli.core.deploy.FieldChange;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares a target cluster with what the archive says a source cluster runs: for each app folder
 * {@code <source>/<namespace>/<app>/}, the version (tag) and config hash of its archived release against the
 * target's newest successful release record, and the target's live objects against that record (a change by hand
 * shows, with its fields); then each captured {@code _cluster} object against the target. Reads only: the
 * comparisons are server-side dry runs.
 */
public final class ClusterCompare {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path archiveDir;
    private final Clock clock;

    public ClusterCompare(Path archiveDir, Clock clock) {
        this.archiveDir = archiveDir;
        this.clock = clock;
    }

    /**
     * @param appsGlob only the apps whose name matches (a shell glob); null for all
     * @throws InvalidInputException (exit 3) when the archive has nothing of the source cluster
     */
    public CompareResult compare(String source, ClusterGateway target, NamespaceMap namespaces, String appsGlob) {
        Path root = archiveDir.resolve(ArchivedStep.segment(source));
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException("the archive " + archiveDir + " has nothing of cluster " + source
                    + ": name a cluster its folders hold (paycli archive log shows them)");
        }
        List<CompareResult.AppComparison> apps = new ArrayList<>();
        for (Path file : releaseFiles(root)) {
            Map<String, Object> record = read(file);
            String app = String.valueOf(record.get("app"));
            if (appsGlob == null || CaptureRules.glob(appsGlob, app)) {
                apps.add(app(record, target, namespaces));
            }
        }
        List<CompareResult.InstallComparison> install = new ArrayList<>();
        if (Files.isDirectory(root.resolve(CaptureFolder.NAME))) {
            for (InstallObject captured : ClusterInstall.read(archiveDir, source).objects()) {
                install.add(installed(namespaces.apply(captured), target));
            }
        }
        return new CompareResult(source, target.context(), apps, install);
    }

    private CompareResult.AppComparison app(Map<String, Object> record, ClusterGateway target,
            NamespaceMap namespaces) {
        String app = String.valueOf(record.get("app"));
        String env = String.valueOf(record.get("env"));
        String sourceNs = String.valueOf(record.get("namespace"));
        String targetNs = namespaces.target(sourceNs);
        boolean succeeded = "succeeded".equals(record.get("result"));
        String sourceTag = succeeded ? (String) record.get("tag")
                : (String) InstallReader.map(record.get("inPlace")).get("tag");
        String sourceHash = succeeded ? (String) record.get("configHash") : null;
        Optional<Release> running = target.releases(targetNs).list(app, env).stream()
                .filter(r -> r.result() == Release.Result.SUCCEEDED).findFirst();
        if (running.isEmpty()) {
            return new CompareResult.AppComparison(app, env, sourceNs, targetNs, sourceTag, null, sourceHash, null,
                    List.of(), CompareResult.Verdict.MISSING, "no successful release of " + app + " (" + env
                            + ") in namespace " + targetNs);
        }
        Release r = running.get();
        List<Drift.ObjectDrift> drift = Drift.of(target, r, clock.instant());
        List<String> reasons = new ArrayList<>();
        if (!Objects.equals(sourceTag, r.tag())) {
            reasons.add("version " + r.tag() + ", source runs " + sourceTag);
        }
        if (sourceHash != null && !Objects.equals(sourceHash, r.configHash())) {
            reasons.add("config " + r.configHash() + ", source has " + sourceHash);
        }
        for (Drift.ObjectDrift d : drift) {
            reasons.add(d.ref() + (d.change() == io.paycli.core.deploy.Diff.Change.ADDED ? " is missing"
                    : " changed: " + String.join(", ", d.fields().stream().map(FieldChange::toString).toList())));
        }
        return new CompareResult.AppComparison(app, env, sourceNs, targetNs, sourceTag, r.tag(), sourceHash,
                r.configHash(), drift, reasons.isEmpty() ? CompareResult.Verdict.SAME
                        : CompareResult.Verdict.DIFFERENT, String.join("; ", reasons));
    }

    private static CompareResult.InstallComparison installed(InstallObject object, ClusterGateway target) {
        ObjectRef ref = object.ref();
        Optional<Map<String, Object>> live;
        try {
            live = target.get(ref);
        } catch (PaycliException e) {
            live = Optional.empty(); // its kind is not served: its definition is missing
        }
        if (live.isEmpty()) {
            return new CompareResult.InstallComparison(ref, CompareResult.Verdict.MISSING, List.of());
        }
        Map<String, Object> preview = target.apply(object.manifest(), true);
        List<String> fields = FieldChange.between(ServerFields.strip(live.get()), ServerFields.strip(preview))
                .stream().map(FieldChange::toString).toList();
        return new CompareResult.InstallComparison(ref, fields.isEmpty() ? CompareResult.Verdict.SAME
                : CompareResult.Verdict.DIFFERENT, fields);
    }

    /** The release.json of every app folder {@code <namespace>/<app>/} under the cluster's folder, sorted. */
    private static List<Path> releaseFiles(Path root) {
        try (Stream<Path> namespaces = Files.list(root)) {
            List<Path> files = new ArrayList<>();
            for (Path ns : namespaces.filter(Files::isDirectory).sorted().toList()) {
                if (ns.getFileName().toString().equals(CaptureFolder.NAME)) {
                    continue;
                }
                try (Stream<Path> apps = Files.list(ns)) {
                    apps.map(a -> a.resolve("release.json")).filter(Files::isRegularFile).sorted()
                            .forEach(files::add);
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("the archive folder " + root + " cannot be read", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) {
        try {
            return JSON.readValue(Files.readString(file), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
