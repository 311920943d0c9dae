package io.paycli.core.notify;

import io.paycli.core.deploy.Published;
import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.NotifyTarget.Event;
import io.paycli.core.model.Release;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one notification says, the same for every channel. {@code id} is unique per step: a receiver that gets a
 * message twice (a retry whose first answer was lost) drops the second by it.
 *
 * @param test            a sample from {@code paycli notify test}, not a real step
 * @param revision        the revision the step recorded; 0 when there is none (a sample)
 * @param archiveCommit   the manifests archive's commit of the step, or null
 * @param detail          what the step's record says about its outcome (why it failed), or null
 * @param inPlaceVersion  what runs after the step, when that is not the step's own version; else null
 * @param logs            the link to the logs of the run (its CI job), or null
 */
public record Message(String id, boolean test, Event event, String action, String app, String env, String namespace,
                      String cluster, String version, int revision, String result, long durationMillis, String user,
                      String template, String templateVersion, String archiveCommit, String detail,
                      String inPlaceVersion, int inPlaceRevision, Instant at, String logs) {

    public static Message of(Published published, String id, Instant at) {
        Release r = published.release();
        Release inPlace = published.inPlace();
        boolean other = inPlace != null && inPlace.revision() != r.revision();
        return new Message(id, false, event(published), lower(published.action().name()), r.app(), r.env(),
                r.namespace(), published.cluster(), r.tag(), r.revision(), lower(r.result().name()),
                r.durationMillis(), r.user(), r.template(), r.templateVersion(), published.archiveCommit(),
                r.message(), other ? inPlace.tag() : null, other ? inPlace.revision() : 0, at, null);
    }

    /** The same message with the link to the logs of the run. */
    public Message withLogs(String url) {
        return new Message(id, test, event, action, app, env, namespace, cluster, version, revision, result,
                durationMillis, user, template, templateVersion, archiveCommit, detail, inPlaceVersion,
                inPlaceRevision, at, url);
    }

    /** The message {@code paycli notify test} sends: marked as a test, about no real step. */
    public static Message sample(String id, String app, String env, String user, Instant at) {
        return new Message(id, true, Event.SUCCEEDED, "test", app, env, null, null, "0.0.0-test", 0, "succeeded", 0,
                user, null, null, null, "A sample message from paycli notify test; nothing was deployed.", null, 0,
                at, null);
    }

    /** The event the {@code on} filter matches: the outcome, told apart by what was run when it succeeded. */
    public static Event event(Published published) {
        Release r = published.release();
        return switch (r.result()) {
            case FAILED -> Event.FAILED;
            case ROLLED_BACK -> Event.ROLLED_BACK;
            case INTERRUPTED -> Event.INTERRUPTED;
            case SUCCEEDED -> {
                if (r.blueGreen() != null && r.blueGreen().phase() == BlueGreenState.Phase.SWITCHED_BACK) {
                    yield Event.SWITCHED_BACK;
                }
                yield switch (published.action()) {
                    case PROMOTE -> Event.PROMOTED;
                    case ABORT -> Event.ABORTED;
                    case SCALE, RECONCILE -> Event.SCALED;
                    case ROLLBACK -> Event.ROLLED_BACK;
                    case DEPLOY, RESTORE -> Event.SUCCEEDED;
                };
            }
        };
    }

    /** One line that says it all: {@code campaign-web in beta: deployed 1.2.0}. */
    public String headline() {
        if (test) {
            return "paycli notify test: " + app + " in " + env + " (nothing was deployed)";
        }
        String v = version;
        boolean succeeded = result.equals("succeeded");
        String what = switch (event) {
            case SUCCEEDED -> action.equals("restore") ? "restored " + v : "deployed " + v;
            case FAILED -> action + " of " + v + " failed";
            case ROLLED_BACK -> succeeded ? "rolled back to " + v : action + " of " + v + " failed and was rolled back";
            case INTERRUPTED -> action + " of " + v + " was interrupted";
            case PROMOTED -> "promoted " + v;
            case ABORTED -> "aborted " + v + " on preview";
            case SWITCHED_BACK -> "switched back to " + v;
            case SCALED -> "scaled " + v;
        };
        return app + " in " + env + ": " + what;
    }

    /** Whether the news is good, for the channels that colour it. */
    public boolean good() {
        return result.equals("succeeded") && event != Event.ROLLED_BACK && event != Event.SWITCHED_BACK;
    }

    /** The details, labelled, in the order the channels show them; absent ones left out. */
    public Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Result", result.replace('_', ' '));
        facts.put("Version", revision > 0 ? version + " (revision " + revision + ")" : version);
        if (inPlaceVersion != null) {
            facts.put("In place", inPlaceVersion + " (revision " + inPlaceRevision + ")");
        }
        facts.put("Duration", duration(durationMillis));
        facts.put("By", user);
        if (template != null) {
            facts.put("Template", template + (templateVersion == null ? "" : "@" + templateVersion));
        }
        if (cluster != null) {
            facts.put("Where", cluster + (namespace == null ? "" : " / " + namespace));
        }
        if (archiveCommit != null) {
            facts.put("Archive commit", archiveCommit);
        }
        if (detail != null && !detail.isBlank()) {
            facts.put("Details", detail);
        }
        if (logs != null) {
            facts.put("Logs", logs);
        }
        return facts;
    }

    static String duration(long millis) {
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        return seconds < 60 ? seconds + "s" : seconds / 60 + "m " + seconds % 60 + "s";
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
