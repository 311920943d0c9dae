package io.paycli.agent.dashboard;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dashboard's static files, served from the jar: {@code GET /} is its page, {@code GET /dashboard/<file>} the
 * scripts and styles it loads. The page holds no data: it reads the JSON API with the viewer's session, so these
 * routes need no credentials of their own (the page shows its login form when the API answers 401).
 */
public final class DashboardPage {
    static final String RESOURCES = "/dashboard/";

    // Only flat names such as app.js: no slash, no "..", nothing a path can be built from.
    private static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9-]*(\\.[a-z0-9]+)+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");
    // The page loads only its own files and talks only to its own origin; nothing inline, so no injected script runs.
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
            + "base-uri 'none'; form-action 'self'";

    public void routes(RoutesConfig routes) {
        routes.get("/", ctx -> serve(ctx, "index.html"));
        routes.get("/dashboard/{file}", ctx -> serve(ctx, ctx.pathParam("file")));
    }

    private static void serve(Context ctx, String name) {
        Optional<String> type = type(name);
        Optional<byte[]> body = type.flatMap(t -> read(name));
        if (body.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such file: " + name);
            return;
        }
        ctx.header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", POLICY)
                .header("Referrer-Policy", "no-referrer")
                // A new agent version brings new files: the browser checks back instead of keeping stale ones.
                .header("Cache-Control", "no-cache")
                .contentType(type.get()).result(body.get());
    }

    /** The content type of a file the dashboard may serve, or empty for a name it never serves. */
    static Optional<String> type(String name) {
        if (name == null || !FILE.matcher(name).matches()) {
            return Optional.empty();
        }
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return Optional.ofNullable(TYPES.get(extension));
    }

    private static Optional<byte[]> read(String name) {
        try (InputStream in = DashboardPage.class.getResourceAsStream(RESOURCES + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
