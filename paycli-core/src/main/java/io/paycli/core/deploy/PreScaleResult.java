package io.paycli.core.deploy;

import io.paycli.core.model.Release;

/**
 * What {@code scale} or {@code scale --revert} did: the override written or reverted (null when there was none to
 * revert), the history entry (null when nothing changed or no revision is recorded), and one line saying it.
 */
public record PreScaleResult(PreScaleOverride override, Release entry, boolean changed, String message) {
}
