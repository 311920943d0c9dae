package io.paycli.core.notify;

import java.util.function.Function;

/**
 * The link to the logs of the run that sent a message (PRODUCT.md section 6: "a link to the logs when there is
 * one"): {@code PAYCLI_LOGS_URL} when set, else the job page of the CI system paycli runs in, read from the
 * variables that system sets for every job.
 */
final class CiLogs {
    private CiLogs() {
    }

    /** The link, or null outside CI. */
    static String url(Function<String, String> env) {
        String explicit = value(env, "PAYCLI_LOGS_URL");
        if (explicit != null) {
            return explicit;
        }
        String server = value(env, "GITHUB_SERVER_URL");
        String repository = value(env, "GITHUB_REPOSITORY");
        String run = value(env, "GITHUB_RUN_ID");
        if (server != null && repository != null && run != null) {
            return server + "/" + repository + "/actions/runs/" + run;
        }
        for (String name : new String[] {"CI_JOB_URL", "BUILD_URL", "BUILDKITE_BUILD_URL", "CIRCLE_BUILD_URL"}) {
            String url = value(env, name); // GitLab, Jenkins, Buildkite, CircleCI
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    /** An http(s) URL, or null: anything else in the variable is not a link to show. */
    private static String value(Function<String, String> env, String name) {
        String v = env.apply(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        return name.startsWith("GITHUB_RE") || name.equals("GITHUB_RUN_ID") || v.startsWith("https://")
                || v.startsWith("http://") ? v.strip() : null;
    }
}
