package io.paycli.agent.auth;

import io.paycli.core.error.InvalidInputException;
import java.util.List;

/**
 * What a client may deploy: every app matching one of {@code apps} to every environment matching one of
 * {@code envs}. Both hold names or globs, where {@code *} stands for any run of characters and {@code ?} for one;
 * nothing else is special. {@code settlement-*} matches settlement-api but not settlement (no dash).
 */
public record Grant(List<String> apps, List<String> envs) {
    public Grant {
        apps = patterns(apps, "apps");
        envs = patterns(envs, "envs");
    }

    public boolean allows(String app, String env) {
        return app != null && env != null && anyMatches(apps, app) && anyMatches(envs, env);
    }

    private static boolean anyMatches(List<String> globs, String name) {
        for (String glob : globs) {
            if (Glob.matches(glob, name)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> patterns(List<String> given, String what) {
        // An empty list would grant nothing, silently: it is a mistake in the config.
        if (given == null || given.isEmpty()) {
            throw new InvalidInputException("a grant (allow entry) needs at least one name or glob in " + what);
        }
        for (String glob : given) {
            if (glob == null || glob.isBlank()) {
                throw new InvalidInputException("a grant (allow entry) has a blank name in " + what);
            }
        }
        return List.copyOf(given);
    }
}
