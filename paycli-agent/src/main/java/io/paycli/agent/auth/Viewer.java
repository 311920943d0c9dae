package io.paycli.agent.auth;

import io.paycli.core.error.InvalidInputException;

/**
 * A dashboard viewer: may read everything the agent shows (every app and environment) and change nothing.
 *
 * @param token the read-only token the viewer logs in with, or sends as {@code Authorization: Bearer}
 */
public record Viewer(String id, byte[] token) {
    public Viewer {
        if (id == null || id.isBlank() || !RequestSigner.printable(id) || id.contains(":")) {
            throw new InvalidInputException("a viewer id must be printable text without spaces or ':', not '" + id
                    + "'");
        }
        if (token == null || token.length == 0) {
            throw new InvalidInputException("viewer " + id + ": has an empty token");
        }
        token = token.clone();
    }

    /** A copy: the record must not hand out an array a caller could change. */
    @Override
    public byte[] token() {
        return token.clone();
    }

    @Override
    public String toString() {
        // Never the token: viewers end up in logs and test failure messages.
        return "Viewer[id=" + id + "]";
    }
}
