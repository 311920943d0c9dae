package io.paycli.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One HTTP request as the API layer sees it: method, path, decoded query, the headers it needs and the body. */
record ApiRequest(String method, String path, Map<String, String> query, String contentType, String accept,
        String userAgent, String body, String authorization) {

    static ApiRequest of(String method, String uri, String contentType, String accept, String userAgent, String body) {
        return of(method, uri, contentType, accept, userAgent, body, null);
    }

    /** {@code authorization} is the Authorization header, or null. */
    static ApiRequest of(String method, String uri, String contentType, String accept, String userAgent, String body,
            String authorization) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                query.putIfAbsent(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new ApiRequest(method.toUpperCase(Locale.ROOT), path, query, contentType, accept, userAgent,
                body == null ? "" : body, authorization);
    }

    String param(String name) {
        return query.get(name);
    }

    boolean isWatch() {
        String watch = query.get("watch");
        return method.equals("GET") && ("true".equals(watch) || "1".equals(watch));
    }

    boolean dryRun() {
        return "All".equals(query.get("dryRun"));
    }

    /** The media type of the body without parameters, lower case. */
    String mediaType() {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** The field manager: the one named, else the user agent's program name, as the real server derives it. */
    String fieldManager() {
        String named = query.get("fieldManager");
        if (named != null && !named.isEmpty()) {
            return named;
        }
        String agent = userAgent == null || userAgent.isEmpty() ? "unknown" : userAgent;
        int slash = agent.indexOf('/');
        return slash < 0 ? agent : agent.substring(0, slash);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
