package io.paycli.agent.auth;

import io.paycli.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A CI client the agent knows: its id (the key id it signs with), its keys and what it may deploy.
 *
 * @param secrets one key, or two while the key is rotated: the new one and the one it replaces, both accepted
 * @param grants  what it may deploy; empty means it may sign requests but deploy nothing
 */
public record Client(String id, List<byte[]> secrets, List<Grant> grants) {
    public Client {
        if (id == null || id.isBlank() || !RequestSigner.printable(id)) {
            throw new InvalidInputException("a client id must be printable text without spaces, not '" + id + "'");
        }
        if (secrets == null || secrets.isEmpty() || secrets.size() > 2) {
            throw new InvalidInputException("client " + id + ": needs one key, or two while rotating, not "
                    + (secrets == null ? 0 : secrets.size()));
        }
        List<byte[]> copies = new ArrayList<>();
        for (byte[] secret : secrets) {
            if (secret == null || secret.length == 0) {
                throw new InvalidInputException("client " + id + ": has an empty key");
            }
            copies.add(secret.clone());
        }
        secrets = List.copyOf(copies);
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    /** Whether any grant covers deploying {@code app} to {@code env}. */
    public boolean allows(String app, String env) {
        return grants.stream().anyMatch(g -> g.allows(app, env));
    }

    /** A copy: the record must not hand out arrays a caller could change. */
    @Override
    public List<byte[]> secrets() {
        return secrets.stream().map(byte[]::clone).toList();
    }

    @Override
    public String toString() {
        // Never the keys: clients end up in logs and test failure messages.
        return "Client[id=" + id + ", keys=" + secrets.size() + ", grants=" + grants + "]";
    }
}
