package io.paycli.agent.auth;

import java.util.Objects;

/**
 * Who an API request comes from, once authenticated: a signed CI client, a dashboard viewer (token or session), or
 * anyone at all on a public dashboard. Only a client may change anything; a client reads what its grants cover.
 *
 * @param client the CI client; null for a viewer or the public
 * @param viewer the viewer's id; null for a client or the public
 */
public record Caller(Client client, String viewer) {
    private static final Caller PUBLIC = new Caller(null, null);

    public Caller {
        if (client != null && viewer != null) {
            throw new IllegalArgumentException("a caller is a client or a viewer, not both");
        }
    }

    public static Caller of(Client client) {
        return new Caller(Objects.requireNonNull(client, "client"), null);
    }

    public static Caller viewer(String id) {
        return new Caller(null, Objects.requireNonNull(id, "id"));
    }

    public static Caller anyone() {
        return PUBLIC;
    }

    public boolean isClient() {
        return client != null;
    }

    public boolean isViewer() {
        return viewer != null;
    }

    public boolean isPublic() {
        return client == null && viewer == null;
    }

    /** Whether this caller may see the jobs and releases of {@code app} in {@code env}: a client by its grants. */
    public boolean sees(String app, String env) {
        return client == null || client.allows(app, env);
    }

    /** The name the audit log gives this caller: the key id, viewer:ID, or null for the public. */
    public String auditName() {
        return client != null ? client.id() : viewer != null ? "viewer:" + viewer : null;
    }
}
