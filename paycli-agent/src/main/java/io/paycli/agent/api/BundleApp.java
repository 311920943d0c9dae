package io.paycli.agent.api;

import io.paycli.agent.store.JobTarget;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The app a bundle deploys, read from its paycli.yaml before the job is queued, so that the client's grant is
 * checked against it. Only the name is read here; the whole file is validated when the job runs (a broken file
 * fails the job with exit 3 and every problem in its log).
 */
final class BundleApp {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final Map<?, ?> yaml;
    private final String name;

    private BundleApp(Map<?, ?> yaml, String name) {
        this.yaml = yaml;
        this.name = name;
    }

    /** Reads the bundle's paycli.yaml once; 400 {@code bad-bundle} when it cannot be read or names no valid app. */
    static BundleApp of(Path bundle) {
        Map<?, ?> yaml = load(bundle);
        Object app = yaml.get("app");
        if (!(app instanceof String name) || !NAME.matcher(name).matches()) {
            throw new ApiError(400, "bad-bundle", "the bundle's paycli.yaml names no valid app (app: a DNS label)");
        }
        return new BundleApp(yaml, name);
    }

    String name() {
        return name;
    }

    /**
     * Where the bundle deploys in {@code env}, as far as its paycli.yaml says: recorded with the job for the releases
     * list and the restore. Parts it does not name are null; the job's run reports what is wrong.
     */
    JobTarget target(String env) {
        Object envs = yaml.get("environments");
        Object entry = envs instanceof Map<?, ?> map ? map.get(env) : null;
        if (!(entry instanceof Map<?, ?> e)) {
            return JobTarget.UNKNOWN;
        }
        String context = text(e.get("context"));
        String clusterName = text(e.get("clusterName"));
        return new JobTarget(text(e.get("namespace")), context, clusterName != null ? clusterName : context);
    }

    private static Map<?, ?> load(Path bundle) {
        Object loaded;
        try (Reader in = Files.newBufferedReader(bundle.resolve("paycli.yaml"), StandardCharsets.UTF_8)) {
            loaded = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromReader(in);
        } catch (IOException | RuntimeException e) {
            throw new ApiError(400, "bad-bundle", "the bundle's paycli.yaml cannot be read: " + firstLine(e));
        }
        return loaded instanceof Map<?, ?> map ? map : Map.of();
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
