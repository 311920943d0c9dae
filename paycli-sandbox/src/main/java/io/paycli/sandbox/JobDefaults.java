package io.paycli.sandbox;

import java.util.Map;

/**
 * What the API server does to a new batch/v1 Job: it refuses a pod template whose restartPolicy a Job cannot use,
 * fills in the counts, and (without manualSelector) selects the Job's pods by its uid, labelling the template so.
 */
final class JobDefaults {

    static final String JOB_NAME = "batch.kubernetes.io/job-name";
    static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    /** Stands for the uid until the store has given the new Job one; see {@link #withUid(String)}. */
    static final String UID = "$(job-uid)";

    private JobDefaults() {
    }

    static void check(Map<String, Object> job) {
        String name = Json.string(job, "metadata", "name");
        String policy = Json.string(job, "spec", "template", "spec", "restartPolicy");
        if (policy == null || policy.isEmpty()) {
            throw ApiException.invalid("Job", "batch", name, "spec.template.spec.restartPolicy",
                    "Required value: valid values: \"OnFailure\", \"Never\"");
        }
        if (!policy.equals("OnFailure") && !policy.equals("Never")) {
            throw ApiException.invalid("Job", "batch", name, "spec.template.spec.restartPolicy",
                    "Unsupported value: \"" + policy + "\": supported values: \"OnFailure\", \"Never\"");
        }
    }

    static void apply(Map<String, Object> job) {
        String uid = UID;
        String name = Json.string(job, "metadata", "name");
        Map<String, Object> spec = Json.mapOrCreate(job, "spec");
        spec.putIfAbsent("backoffLimit", 6);
        spec.putIfAbsent("completions", 1);
        spec.putIfAbsent("parallelism", 1);
        spec.putIfAbsent("completionMode", "NonIndexed");
        spec.putIfAbsent("suspend", false);
        if (!"true".equals(Json.string(job, "spec", "manualSelector"))) {
            Json.mapOrCreate(spec, "selector", "matchLabels").put(CONTROLLER_UID, uid);
            Map<String, Object> labels = Json.mapOrCreate(spec, "template", "metadata", "labels");
            labels.put(CONTROLLER_UID, uid);
            labels.put(JOB_NAME, name);
            labels.put("controller-uid", uid);
            labels.put("job-name", name);
        }
    }

    /** A new Job's JSON with its uid in place of {@link #UID}; any other JSON as it is. */
    static String withUid(String json) {
        if (json == null || !json.contains(UID)) {
            return json;
        }
        return json.replace(UID, String.valueOf(Json.string(Json.parse(json), "metadata", "uid")));
    }
}
