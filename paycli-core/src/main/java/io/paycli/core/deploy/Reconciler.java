package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.DeployLock;
import io.paycli.core.error.LockHeldException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.model.Release;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code paycli reconcile}: runs every {@link ReconcileAction} over a namespace or all of them, each item under
 * its app's deploy lock. Idempotent: what is no longer due is left alone, so two runs do the work once. An item
 * whose lock a running deploy holds is skipped and reported, and the run goes on with the others.
 */
final class Reconciler {
    private final ClusterGateway cluster;
    private final List<ReconcileAction> actions;
    private final Consumer<DeployEvent> events;
    private final Clock clock;
    private final Consumer<Release> recorded;

    /** {@code recorded} is given the history entry of each item done, for the release sinks. */
    Reconciler(ClusterGateway cluster, List<ReconcileAction> actions, Consumer<DeployEvent> events, Clock clock,
               Consumer<Release> recorded) {
        this.cluster = cluster;
        this.actions = List.copyOf(actions);
        this.events = events;
        this.clock = clock;
        this.recorded = recorded;
    }

    /** Every action, in order; {@code namespace} null means all namespaces. */
    List<ReconcileOutcome> run(String namespace, boolean dryRun, String user, String holder) {
        List<ReconcileOutcome> outcomes = new ArrayList<>();
        for (ReconcileAction action : actions) {
            for (ReconcileItem item : action.due(cluster, namespace, clock.instant())) {
                if (dryRun) {
                    outcomes.add(new ReconcileOutcome(item, false, false, "would " + item.description()));
                    continue;
                }
                events.accept(DeployEvent.step(Step.LOCK, Kind.STARTED, "lock " + item.app() + " in "
                        + item.namespace()));
                DeployLock taken;
                try {
                    taken = cluster.lock(item.namespace(), item.app(), holder, ReleasePipeline.LOCK_TTL);
                } catch (LockHeldException held) {
                    // A running deploy is no failure of a scheduled run: the item is still due at the next one.
                    String message = "skipped: a deploy holds the lock of " + item.app() + " in " + item.namespace()
                            + " (holder " + held.holder() + "); run again later";
                    events.accept(DeployEvent.step(Step.LOCK, Kind.WARNING, message));
                    outcomes.add(new ReconcileOutcome(item, false, true, message));
                    continue;
                }
                try (DeployLock lock = taken) {
                    String done = action.perform(cluster, item, lock::ensureHeld, user, clock.instant());
                    String message = done == null ? "nothing to do: no longer due (" + item.description() + ")" : done;
                    events.accept(DeployEvent.resource(Step.APPLY, item.object(), message));
                    outcomes.add(new ReconcileOutcome(item, done != null, false, message));
                    if (done != null) {
                        // The entry the action just recorded: the newest of the app's history.
                        cluster.releases(item.namespace()).list(item.app(), item.env()).stream().findFirst()
                                .ifPresent(recorded);
                    }
                }
            }
        }
        return outcomes;
    }
}
