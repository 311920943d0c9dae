package io.paycli.core.deploy;

/**
 * What {@code reconcile} did about one item (or, in a dry run, would do); {@code done} is false in a dry run, and
 * {@code skipped} is true when a running deploy held the app's lock, so the item waits for the next run.
 */
public record ReconcileOutcome(ReconcileItem item, boolean done, boolean skipped, String message) {
}
