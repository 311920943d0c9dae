package io.paycli.agent.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's viewers, found by their token. Every viewer's token is compared, each in constant time over
 * SHA-256 digests (equal lengths whatever was sent), so the time taken says neither which viewer nor how much of a
 * token matched.
 */
public final class Viewers {
    private final List<Viewer> viewers;
    private final List<byte[]> digests;

    public Viewers(List<Viewer> viewers) {
        this.viewers = List.copyOf(viewers);
        this.digests = this.viewers.stream().map(v -> SigningScheme.sha256(v.token())).toList();
    }

    /** The viewer whose token is {@code token}, if any. */
    public Optional<Viewer> byToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        byte[] given = SigningScheme.sha256(token.strip().getBytes(StandardCharsets.UTF_8));
        Viewer found = null;
        for (int i = 0; i < viewers.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), given) && found == null) {
                found = viewers.get(i);
            }
        }
        return Optional.ofNullable(found);
    }

    /** The viewer named {@code id}, if the config still has one (a session names its viewer by id). */
    public Optional<Viewer> byId(String id) {
        return viewers.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    public boolean isEmpty() {
        return viewers.isEmpty();
    }
}
