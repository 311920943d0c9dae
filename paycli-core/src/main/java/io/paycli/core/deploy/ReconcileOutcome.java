package io.paycli.core.deploy;

/** What {@code reconcile} did about one item (or, in a dry run, would do); {@code done} is false in a dry run. */
public record ReconcileOutcome(ReconcileItem item, boolean done, String message) {
}
