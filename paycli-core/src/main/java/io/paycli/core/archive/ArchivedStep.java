package io.paycli.core.archive;

import io.paycli.core.deploy.Published;
import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.Release;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * One published step as the archive stores it: where it goes ({@code <cluster>/<namespace>/<app>}), its
 * {@code release.json}, and its commit message.
 */
final class ArchivedStep {
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._@:+=-]");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Published published;
    private final Release release;

    ArchivedStep(Published published) {
        this.published = published;
        this.release = published.release();
    }

    /** The step's folder; a name that is not a plain path segment (an EKS context has slashes) is made one. */
    String folder() {
        return segment(published.cluster()) + "/" + segment(release.namespace()) + "/" + segment(release.app());
    }

    static String segment(String name) {
        String safe = UNSAFE.matcher(name == null || name.isBlank() ? "unknown" : name).replaceAll("_");
        return safe.equals(".") || safe.equals("..") ? "_" : safe;
    }

    boolean succeeded() {
        return release.result() == Release.Result.SUCCEEDED;
    }

    /** What is in place after the step: the last successful revision's manifests, else what was tried. */
    String manifestsInPlace() {
        Release inPlace = published.inPlace();
        return inPlace != null && inPlace.manifests() != null ? inPlace.manifests() : tried();
    }

    String tried() {
        return release.manifests() == null ? "" : release.manifests();
    }

    String releaseJson() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("action", action());
        f.put("app", release.app());
        f.put("env", release.env());
        f.put("cluster", published.cluster());
        f.put("context", published.context());
        f.put("namespace", release.namespace());
        f.put("revision", release.revision());
        f.put("tag", release.tag());
        f.put("image", release.image());
        f.put("template", release.template());
        f.put("templateVersion", release.templateVersion());
        f.put("catalogCommit", release.catalogCommit());
        f.put("configHash", release.configHash());
        f.put("user", release.user());
        f.put("startedAt", release.startedAt() == null ? null : release.startedAt().toString());
        f.put("durationMillis", release.durationMillis());
        f.put("result", result());
        f.put("message", release.message());
        Release inPlace = published.inPlace();
        if (!succeeded()) {
            f.put("inPlace", inPlace == null ? null : Map.of("revision", inPlace.revision(),
                    "tag", String.valueOf(inPlace.tag())));
        }
        if (release.blueGreen() != null) {
            f.put("blueGreen", blueGreen(release.blueGreen()));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(f) + "\n";
    }

    private static Map<String, Object> blueGreen(BlueGreenState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("live", state.live().id());
        m.put("idle", state.idle().id());
        m.put("idleTag", state.idleTag());
        m.put("idleRevision", state.idleRevision());
        m.put("idleWindowEnd", state.idleWindowEnd() == null ? null : state.idleWindowEnd().toString());
        m.put("phase", state.phase().name().toLowerCase());
        return m;
    }

    String action() {
        return published.action().name().toLowerCase();
    }

    String result() {
        return release.result() == null ? "unknown" : release.result().name().toLowerCase().replace('_', ' ');
    }

    /**
     * The first line says what happened ("deploy campaign-web 1.2.0 to release (promotion) on prod-tw: succeeded"),
     * the body who, which revision, template and catalog commit, config hash, the result's message, and the folder
     * (which {@code archive log} reads).
     */
    String message() {
        StringBuilder m = new StringBuilder();
        m.append(action()).append(' ').append(release.app()).append(' ').append(release.tag()).append(" to ")
                .append(release.env()).append(" (").append(release.namespace()).append(") on ")
                .append(published.cluster()).append(": ").append(result()).append("\n\n");
        m.append("user: ").append(release.user()).append('\n');
        m.append("revision: ").append(release.revision()).append('\n');
        m.append("template: ").append(release.template()).append('@').append(release.templateVersion()).append('\n');
        m.append("catalog commit: ").append(release.catalogCommit()).append('\n');
        m.append("config hash: ").append(release.configHash()).append('\n');
        m.append("result: ").append(oneLine(release.message())).append('\n');
        Release inPlace = published.inPlace();
        if (!succeeded()) {
            m.append("in place: ").append(inPlace == null ? "nothing" : "revision " + inPlace.revision() + " ("
                    + inPlace.tag() + ")").append('\n');
        }
        m.append(ArchiveLog.FOLDER_LINE).append(folder()).append('\n');
        return m.toString();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** Author and committer: the deploying user, "alice" as alice <alice@paycli>, an e-mail address as itself. */
    String authorName() {
        String user = release.user();
        return user == null || user.isBlank() ? "unknown" : user;
    }

    String authorEmail() {
        String user = authorName();
        return user.contains("@") ? user : user + "@paycli";
    }
}
