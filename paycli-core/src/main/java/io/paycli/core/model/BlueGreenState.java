package io.paycli.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a blue-green release stands: which colour serves, what the other colour runs, and until when it
 * stays up for a switch-back. {@code idleWindowEnd} is null while no window runs (a preview, an abort).
 */
public record BlueGreenState(
        Colour live,
        Colour idle,
        String idleTag,
        int idleRevision,
        Instant idleWindowEnd,
        Phase phase) {

    /** The step that wrote the record. */
    public enum Phase {
        /** The new colour is ready on preview; traffic has not moved. */
        PREVIEW,
        /** Traffic moved to the new colour. */
        PROMOTED,
        /** The new colour was scaled down; traffic stayed. */
        ABORTED,
        /** Traffic moved back to the colour that served before. */
        SWITCHED_BACK
    }

    public BlueGreenState {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(idle, "idle");
        Objects.requireNonNull(phase, "phase");
    }
}
