package io.paycli.core.notify;

import io.paycli.core.deploy.Published;
import io.paycli.core.model.NotifyTarget;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import java.time.Instant;
import java.util.List;

/** Published steps to notify about, as DeployService hands them to its sinks. */
final class Steps {
    static final Instant STARTED = Instant.parse("2026-12-01T10:00:00Z");

    private Steps() {
    }

    static Release release(int revision, String tag, Result result, String message) {
        return new Release("campaign-web", "beta", "promotion-beta", revision, tag,
                "registry.example.com/pay/campaign-web:" + tag, "web", "1.3.0", "c0ffee1", "cfg0123", "alice",
                STARTED, 42_000, result, message, "kind: Deployment\n");
    }

    /** A deploy of 1.2.0 as revision 4 with this result; 1.1.0 (revision 3) is in place unless it succeeded. */
    static Published deploy(Result result, List<NotifyTarget> targets) {
        return step(Published.Action.DEPLOY, result, targets);
    }

    static Published step(Published.Action action, Result result, List<NotifyTarget> targets) {
        Release release = release(4, "1.2.0", result, result == Result.SUCCEEDED ? "healthy"
                : "Deployment campaign-web: ProgressDeadlineExceeded");
        Release inPlace = result == Result.SUCCEEDED ? release : release(3, "1.1.0", Result.SUCCEEDED, "healthy");
        return new Published(action, release, inPlace, "tw-beta", "beta-context", targets, null)
                .withArchiveCommit("9f8e7d6c5b4a");
    }

    static NotifyTarget web(String type, String urlEnv) {
        return new NotifyTarget(type, null, urlEnv);
    }
}
