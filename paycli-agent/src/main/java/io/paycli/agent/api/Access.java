package io.paycli.agent.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.paycli.agent.auth.Caller;
import io.paycli.agent.auth.Client;
import io.paycli.agent.auth.Refusal;
import io.paycli.agent.auth.RequestVerifier;
import io.paycli.agent.auth.Sessions;
import io.paycli.agent.auth.SigningScheme;
import io.paycli.agent.auth.Verdict;
import io.paycli.agent.auth.Viewer;
import io.paycli.agent.auth.Viewers;
import java.util.Optional;

/**
 * Who may call {@code /api/*}, decided before any handler runs; every refusal is audited and answered 401 or 403.
 *
 * <p>A request with any signing header is a CI client's and must be signed right; so is any request that is not a
 * GET and brings no viewer credentials. Otherwise a GET is a viewer's, by {@code Authorization: Bearer TOKEN} (for
 * scripts) or by the session cookie of {@code POST /dashboard/login} (for browsers: EventSource sends cookies but no
 * headers), or anyone's when the dashboard is public. A credential that is sent is checked even on a public
 * dashboard, so an expired session says so instead of quietly reading as the public. Viewers and the public only
 * read: anything but a GET from them is refused 403.
 */
public final class Access {
    static final String CALLER = "paycli.caller";
    private static final String BEARER = "Bearer ";

    private final RequestVerifier verifier;
    private final Viewers viewers;
    private final Sessions sessions;
    private final boolean isPublic;
    private final Audit audit;

    public Access(RequestVerifier verifier, Viewers viewers, Sessions sessions, boolean isPublic, Audit audit) {
        this.verifier = verifier;
        this.viewers = viewers;
        this.sessions = sessions;
        this.isPublic = isPublic;
        this.audit = audit;
    }

    public void routes(RoutesConfig routes) {
        routes.before("/api/*", this::authenticate);
    }

    private void authenticate(Context ctx) {
        Audit.Request request = new Audit.Request(ctx.header(SigningScheme.KEY_ID), ctx.ip(), ctx.method().name(),
                ctx.path(), null, ctx.queryParam("env"), ctx.queryParam("tag"));
        boolean read = HandlerType.GET.equals(ctx.method());
        boolean signed = SigningScheme.HEADERS.stream().anyMatch(h -> ctx.header(h) != null);
        String authorization = ctx.header("Authorization");
        String cookie = ctx.cookie(Sessions.COOKIE);
        Caller caller;
        if (signed || !read && authorization == null && cookie == null) {
            caller = Caller.of(signedClient(ctx, request));
        } else if (authorization != null) {
            caller = bearer(authorization, request);
        } else if (cookie != null) {
            caller = session(cookie, request);
        } else if (isPublic) {
            caller = Caller.anyone();
        } else {
            throw refuse(request, Refusal.NO_CREDENTIALS, "this needs credentials: log in to the dashboard, send"
                    + " Authorization: Bearer with a viewer token, or sign the request as a CI client");
        }
        Audit.Request known = request.by(caller.auditName());
        if (!caller.isClient() && !read) {
            throw refuse(known, Refusal.READ_ONLY, (caller.isViewer() ? "viewer " + caller.viewer() : "the public")
                    + " may only read; deployments, restores and cancels are for signed CI clients");
        }
        ctx.attribute(CALLER, caller);
        if (caller.isClient()) {
            ctx.attribute(DeploymentApi.CLIENT, caller.client());
        }
        ctx.attribute(DeploymentApi.AUDIT, known);
    }

    private Client signedClient(Context ctx, Audit.Request request) {
        String query = ctx.queryString();
        String path = ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
        byte[] body;
        try {
            body = ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            if (e.getStatus() != 413) {
                throw e;
            }
            audit.refused(request, "too-large");
            throw new ApiError(413, "too-large", "the request is larger than the agent's maxBundleSize");
        }
        Verdict verdict = verifier.verify(ctx.method().name(), path, ctx::header, body);
        if (!verdict.isAccepted()) {
            audit.refused(request, verdict.refusal().code());
            throw new ApiError(verdict.status(), verdict.refusal().code(), verdict.message());
        }
        return verdict.client();
    }

    private Caller bearer(String authorization, Audit.Request request) {
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw refuse(request, Refusal.BAD_TOKEN, "the Authorization header must be Bearer and a viewer's token");
        }
        Optional<Viewer> viewer = viewers.byToken(authorization.substring(BEARER.length()));
        return Caller.viewer(viewer.orElseThrow(() -> refuse(request, Refusal.BAD_TOKEN,
                "the bearer token is no viewer's; check it against the agent's dashboard.viewers")).id());
    }

    private Caller session(String cookie, Audit.Request request) {
        Sessions.Check check = sessions.check(cookie);
        if (!check.isValid()) {
            throw refuse(request, check.refusal(), check.refusal() == Refusal.SESSION_EXPIRED
                    ? "the session has expired; log in again" : "the session cookie is not valid (the agent may"
                    + " have restarted); log in again");
        }
        // The agent made the cookie, so the viewer existed at login; the config is the same until a restart.
        Viewer viewer = viewers.byId(check.viewerId()).orElseThrow(() -> refuse(request, Refusal.BAD_SESSION,
                "the session's viewer is no longer configured; log in again"));
        return Caller.viewer(viewer.id());
    }

    private ApiError refuse(Audit.Request request, Refusal refusal, String message) {
        audit.refused(request, refusal.code());
        return new ApiError(refusal.status(), refusal.code(), message);
    }
}
