package io.paycli.core.model;

/**
 * Progress of a deploy, the only way progress leaves the core: the CLI prints it, the agent
 * streams it, tests collect it. {@code object} is null for a step-level event; the message does
 * not repeat it.
 */
public record DeployEvent(Step step, Kind kind, ObjectRef object, String message) {
    /**
     * The pipeline steps, in order. RESTORE frames each app of a restore: its object names the app (kind
     * {@code App}, the app's target namespace and name), STARTED when it starts, DONE or FAILED when it ends.
     */
    public enum Step { TARGET, RENDER, NAMESPACE, LOCK, APPLY, PRUNE, WAIT, ROLLBACK, RECORD, ARCHIVE, NOTIFY, RESTORE }

    /**
     * STARTED/DONE frame a step; PROGRESS repeats while waiting; WARNING explains a problem; MANIFESTS carries the
     * exact YAML a step is about to apply, the bytes its record keeps (shown only when asked for).
     */
    public enum Kind { STARTED, RESOURCE, PROGRESS, WARNING, DONE, FAILED, MANIFESTS }

    public static DeployEvent step(Step step, Kind kind, String message) {
        return new DeployEvent(step, kind, null, message);
    }

    /** The YAML a step is about to apply, after a comment line that says which step it is. */
    public static DeployEvent manifests(String about, String yaml) {
        return new DeployEvent(Step.APPLY, Kind.MANIFESTS, null, "# " + about + "\n" + yaml);
    }

    public static DeployEvent resource(Step step, ObjectRef object, String message) {
        return new DeployEvent(step, Kind.RESOURCE, object, message);
    }

    /**
     * The event as the one line a log shows, the same in the CLI's output and the agent's job log; for MANIFESTS,
     * the YAML itself.
     */
    public String line() {
        String name = step.name().toLowerCase(java.util.Locale.ROOT);
        String about = object != null ? object + ": " : "";
        return switch (kind) {
            case STARTED -> "==> " + name + ": " + message;
            case DONE -> "    " + name + " done: " + message;
            case FAILED -> "    " + name + " FAILED: " + message;
            case WARNING -> "    warning: " + about + message;
            case RESOURCE -> "    " + object + " " + message;
            case PROGRESS -> "    " + about + message;
            case MANIFESTS -> message.stripTrailing();
        };
    }
}
