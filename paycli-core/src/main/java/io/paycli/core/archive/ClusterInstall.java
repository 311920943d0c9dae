package io.paycli.core.archive;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.render.ManifestYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A captured {@code <cluster>/_cluster/} read back from the archive's working tree: its objects in apply order and
 * the Secrets it names. {@link #apply} puts it on a target cluster (see {@link InstallApply}).
 */
public final class ClusterInstall {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String cluster;
    private final List<InstallObject> objects;
    private final List<SecretEntry> secrets;

    ClusterInstall(String cluster, List<InstallObject> objects, List<SecretEntry> secrets) {
        this.cluster = cluster;
        this.objects = List.copyOf(objects);
        this.secrets = List.copyOf(secrets);
    }

    /**
     * Reads the capture of {@code cluster} from the archive at {@code archiveDir} (its working tree; a caller with
     * a remote runs {@link GitArchive#refresh} first).
     *
     * @throws InvalidInputException (exit 3) when the archive holds no capture of that cluster
     */
    public static ClusterInstall read(Path archiveDir, String cluster) {
        Path dir = archiveDir.resolve(CaptureFolder.folder(cluster));
        if (!Files.isRegularFile(dir.resolve(CaptureFolder.SUMMARY))) {
            throw new InvalidInputException("the archive " + archiveDir + " holds no capture of cluster " + cluster
                    + " (no " + CaptureFolder.folder(cluster) + "/" + CaptureFolder.SUMMARY + "): run paycli cluster"
                    + " capture --context on that cluster first, or name a cluster the archive has");
        }
        try {
            Map<String, String> files = new TreeMap<>();
            for (Path file : yamlFiles(dir)) {
                files.put(archiveDir.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
            Path secretsFile = dir.resolve(CaptureFolder.SECRETS);
            return parse(cluster, files, Files.isRegularFile(secretsFile) ? Files.readString(secretsFile) : null);
        } catch (IOException e) {
            throw new UncheckedIOException("the capture in " + dir + " cannot be read", e);
        }
    }

    /**
     * The capture made of its files' texts, wherever they were read (the working tree, or one commit's tree).
     *
     * @param yamlFiles   each captured YAML file's text by its path in the archive
     * @param secretsJson the Secrets list's text, or null when there is none
     */
    static ClusterInstall parse(String cluster, Map<String, String> yamlFiles, String secretsJson) {
        List<InstallObject> objects = new ArrayList<>();
        yamlFiles.forEach((source, text) -> {
            for (Map<String, Object> doc : ManifestYaml.read(text, source)) {
                objects.add(object(doc, source));
            }
        });
        objects.sort(Comparator.comparingInt((InstallObject o) -> InstallKinds.rank(o.apiVersion(), o.kind()))
                .thenComparing(o -> o.namespace() == null ? "" : o.namespace())
                .thenComparing(InstallObject::name));
        List<SecretEntry> secrets = secretsJson == null ? List.of()
                : JSON.readValue(secretsJson, new TypeReference<List<SecretEntry>>() { });
        return new ClusterInstall(cluster, objects, secrets);
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> p.toString().endsWith(".yaml") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    private static InstallObject object(Map<String, Object> doc, String source) {
        Map<String, Object> metadata = InstallReader.map(doc.get("metadata"));
        Object apiVersion = doc.get("apiVersion");
        Object kind = doc.get("kind");
        Object name = metadata.get("name");
        if (apiVersion == null || kind == null || name == null) {
            throw new InvalidInputException(source + ": a captured object needs apiVersion, kind and metadata.name");
        }
        Object namespace = metadata.get("namespace");
        return new InstallObject(String.valueOf(apiVersion), String.valueOf(kind),
                namespace == null ? null : String.valueOf(namespace), String.valueOf(name), doc);
    }

    public String cluster() {
        return cluster;
    }

    /** The captured objects, in apply order. */
    public List<InstallObject> objects() {
        return objects;
    }

    /** The Secrets the capture saw, by name only. */
    public List<SecretEntry> secrets() {
        return secrets;
    }

    /**
     * Applies the capture to {@code target} in dependency order, with namespaces renamed by {@code namespaceMap}
     * (source to target; absent namespaces keep their name). See {@link InstallApply}.
     */
    public InstallResult apply(ClusterGateway target, Map<String, String> namespaceMap, boolean dryRun,
            Consumer<DeployEvent> events) {
        return new InstallApply(target, new NamespaceMap(namespaceMap), dryRun, events,
                InstallApply.DEFAULT_ESTABLISH_TIMEOUT).apply(objects, secrets);
    }
}
