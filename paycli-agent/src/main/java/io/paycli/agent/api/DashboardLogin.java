package io.paycli.agent.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.paycli.agent.auth.Refusal;
import io.paycli.agent.auth.Sessions;
import io.paycli.agent.auth.Viewer;
import io.paycli.agent.auth.Viewers;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person's way into the dashboard: {@code POST /dashboard/login} with a viewer's token (form field {@code token},
 * or JSON {@code {"token": …}}) answers with the session cookie {@link Access} reads; {@code POST /dashboard/logout}
 * clears it. Every login is audited, accepted or refused.
 *
 * <p>The cookie is HttpOnly (page scripts cannot read it), SameSite=Strict (another site cannot make the browser
 * send it, so it cannot be used to forge requests) and Secure over HTTPS.
 */
public final class DashboardLogin {
    static final String LOGIN = "/dashboard/login";
    static final String LOGOUT = "/dashboard/logout";
    private static final JsonMapper JSON = JsonMapper.shared();

    private final Viewers viewers;
    private final Sessions sessions;
    private final boolean https;
    private final Audit audit;

    public DashboardLogin(Viewers viewers, Sessions sessions, boolean https, Audit audit) {
        this.viewers = viewers;
        this.sessions = sessions;
        this.https = https;
        this.audit = audit;
    }

    public void routes(RoutesConfig routes) {
        routes.post(LOGIN, this::login);
        routes.post(LOGOUT, this::logout);
    }

    private void login(Context ctx) {
        Audit.Request request = new Audit.Request(null, ctx.ip(), "POST", LOGIN, null, null, null);
        String token;
        try {
            token = token(ctx);
        } catch (ApiError e) {
            audit.refused(request, e.reason()); // a login that could not be read is still a refused login
            throw e;
        }
        if (token == null || token.isBlank()) {
            audit.refused(request, Refusal.NO_CREDENTIALS.code());
            throw new ApiError(400, Refusal.NO_CREDENTIALS.code(), "send the viewer token as the form field token"
                    + " or as JSON {\"token\": ...}");
        }
        Optional<Viewer> viewer = viewers.byToken(token);
        if (viewer.isEmpty()) {
            audit.refused(request, Refusal.BAD_TOKEN.code());
            throw new ApiError(401, Refusal.BAD_TOKEN.code(), "that token is no viewer's; check it against the"
                    + " agent's dashboard.viewers");
        }
        String id = viewer.get().id();
        ctx.header("Set-Cookie", cookie(sessions.open(viewer.get()), Sessions.LIFETIME.toSeconds()));
        audit.accepted(request.by("viewer:" + id), "login");
        ctx.json(Map.of("viewer", id, "expiresInSeconds", Sessions.LIFETIME.toSeconds()));
    }

    private void logout(Context ctx) {
        // Nothing to look up: the session lives only in the cookie, which this tells the browser to drop.
        ctx.header("Set-Cookie", cookie("", 0));
        Sessions.Check session = sessions.check(ctx.cookie(Sessions.COOKIE));
        audit.accepted(new Audit.Request(session.isValid() ? "viewer:" + session.viewerId() : null, ctx.ip(),
                "POST", LOGOUT, null, null, null), "logout");
        ctx.json(Map.of("loggedOut", true));
    }

    private String cookie(String value, long maxAgeSeconds) {
        return Sessions.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : "");
    }

    private static String token(Context ctx) {
        String type = ctx.contentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            try {
                JsonNode token = JSON.readTree(ctx.body()).get("token");
                return token != null && token.isString() ? token.asString() : null;
            } catch (JacksonException e) {
                throw new ApiError(400, "bad-request", "the login body is not JSON: " + e.getOriginalMessage());
            }
        }
        return ctx.formParam("token");
    }
}
