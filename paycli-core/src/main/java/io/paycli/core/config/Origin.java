package io.paycli.core.config;

import io.paycli.core.model.Location;

/** Where a merged value was set: the line, and the key path as the user wrote it there. */
public record Origin(Location location, String writtenAs) {
    @Override
    public String toString() {
        return location + ": " + writtenAs;
    }
}
