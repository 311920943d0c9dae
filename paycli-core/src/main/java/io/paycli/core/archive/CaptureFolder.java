package io.paycli.core.archive;

import io.paycli.core.render.ManifestYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code <cluster>/_cluster/} folder a capture writes: a YAML file per object, {@code capture.json} (when,
 * from where, by whom, with which rules, how many of each kind) and {@code secrets.json} (namespace, name and type
 * of each Secret, never a value). The folder is written whole, so an object that is gone loses its file.
 */
final class CaptureFolder {
    static final String NAME = "_cluster";
    static final String SUMMARY = "capture.json";
    static final String SECRETS = "secrets.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String cluster;
    private final String context;
    private final String server;
    private final CaptureRules rules;
    private final InstallReader.Snapshot snapshot;
    private final Instant at;
    private final String user;

    CaptureFolder(String cluster, String context, String server, CaptureRules rules, InstallReader.Snapshot snapshot,
            Instant at, String user) {
        this.cluster = cluster;
        this.context = context;
        this.server = server;
        this.rules = rules;
        this.snapshot = snapshot;
        this.at = at;
        this.user = user;
    }

    static String folder(String cluster) {
        return ArchivedStep.segment(cluster) + "/" + NAME;
    }

    /** Replaces the folder's content; returns the folder, relative to the archive's root. */
    String write(Path root) throws IOException {
        String folder = folder(cluster);
        Path dir = root.resolve(folder);
        clear(dir);
        for (InstallObject object : snapshot.objects()) {
            Path file = dir.resolve(object.path());
            Files.createDirectories(file.getParent());
            Files.writeString(file, ManifestYaml.writeDocument(object.body()), StandardCharsets.UTF_8);
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(SUMMARY), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(summary()) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(SECRETS), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(snapshot.secrets()) + "\n", StandardCharsets.UTF_8);
        return folder;
    }

    private static void clear(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("action", "capture");
        s.put("cluster", cluster);
        s.put("context", context);
        s.put("server", server);
        s.put("capturedAt", at.toString());
        s.put("user", user);
        s.put("systemNamespaces", rules.systemNamespaces());
        s.put("include", rules.include());
        s.put("exclude", rules.exclude());
        s.put("objects", snapshot.objects().size());
        s.put("secrets", snapshot.secrets().size());
        s.put("kinds", kinds(snapshot.objects()));
        s.put("unread", snapshot.unread());
        return s;
    }

    static Map<String, Integer> kinds(List<InstallObject> objects) {
        Map<String, Integer> kinds = new TreeMap<>();
        objects.forEach(o -> kinds.merge(o.kind(), 1, Integer::sum));
        return kinds;
    }

    String message() {
        return "capture " + cluster + ": " + snapshot.objects().size() + " objects, " + snapshot.secrets().size()
                + " Secrets listed\n\nuser: " + user + "\ncontext: " + context + "\nserver: " + server
                + "\ncaptured: " + ArchivedStep.segment(cluster) + "/" + NAME + "\n";
    }
}
