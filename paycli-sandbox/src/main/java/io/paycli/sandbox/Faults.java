package io.paycli.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Failures a real cluster produces, injected on purpose so that callers can test their handling: error answers
 * (500, 409, 429 with Retry-After, admission denials), RBAC refusals, connections cut mid-answer, and watches
 * that close or expire. Rules match a method ("*" for any, "WATCH" for watches only) and a regular expression on
 * the URL path without its query; the first matching rule wins and counts down.
 */
public final class Faults {

    /** What a matching rule does to a request. */
    record Fault(int status, String reason, String message, Integer retryAfterSeconds, boolean drop) {
    }

    private static final class Rule {
        final String method;
        final Pattern path;
        int remaining;
        final Fault fault;

        Rule(String method, String pathRegex, int times, Fault fault) {
            this.method = method == null ? "*" : method.toUpperCase(Locale.ROOT);
            this.path = Pattern.compile(pathRegex == null ? ".*" : pathRegex);
            this.remaining = times;
            this.fault = fault;
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final WatchHub watches;

    Faults(WatchHub watches) {
        this.watches = watches;
    }

    /** The next {@code times} matching requests answer {@code status} with a Status body carrying the message. */
    public Faults failNext(int times, String method, String pathRegex, int status, String message) {
        rules.add(new Rule(method, pathRegex, times, new Fault(status, reasonFor(status), message, null, false)));
        return this;
    }

    /** The next matching requests answer 429 Too Many Requests with a Retry-After header, as API priority does. */
    public Faults throttleNext(int times, String method, String pathRegex, int retryAfterSeconds) {
        rules.add(new Rule(method, pathRegex, times, new Fault(429, "TooManyRequests",
                "the server has received too many requests and has asked us to try again later", retryAfterSeconds, false)));
        return this;
    }

    /**
     * The next matching requests take effect, but their connection is closed halfway through the answer: the
     * client cannot know whether its write happened.
     */
    public Faults dropNext(int times, String method, String pathRegex) {
        rules.add(new Rule(method, pathRegex, times, new Fault(0, null, null, null, true)));
        return this;
    }

    /** The next matching requests are denied by a validating admission webhook, with its message (400). */
    public Faults denyAdmission(int times, String method, String pathRegex, String webhook, String message) {
        String text = "admission webhook \"" + webhook + "\" denied the request: " + message;
        rules.add(new Rule(method, pathRegex, times, new Fault(400, "BadRequest", text, null, false)));
        return this;
    }

    /**
     * RBAC refuses a verb (get, list, watch, create, update, patch, delete) on a resource (plural, such as
     * deployments) until {@link #clear()}. A null message gives the real server's wording.
     */
    public Faults forbid(String verb, String resource, String message) {
        String pattern = ".*/" + Pattern.quote(resource) + "(/[^/]+){0,2}";
        rules.add(new Rule("VERB:" + verb.toLowerCase(Locale.ROOT), pattern, Integer.MAX_VALUE,
                new Fault(403, "Forbidden", message, null, false)));
        return this;
    }

    /** Ends every open watch now, as a real server does every few minutes. */
    public void closeWatches() {
        watches.closeAll();
    }

    /** The next {@code times} watches get a 410 Expired error event (too old resourceVersion) and end. */
    public void expireNextWatches(int times) {
        watches.expireNext(times);
    }

    /** Removes every rule. */
    public void clear() {
        rules.clear();
    }

    /** The fault for this request, counting the rule down, or null. */
    synchronized Fault take(ApiRequest request, ResourcePath at) {
        for (Rule rule : rules) {
            if (rule.remaining <= 0 || !methodMatches(rule.method, request, at) || !rule.path.matcher(request.path())
                    .matches()) {
                continue;
            }
            rule.remaining--;
            if (rule.remaining == 0) {
                rules.remove(rule);
            }
            if (rule.fault.status() == 403 && rule.fault.message() == null && at != null) {
                return new Fault(403, "Forbidden", rbacMessage("paycli-sandbox", verb(request, at), at), null, false);
            }
            return rule.fault;
        }
        return null;
    }

    private static boolean methodMatches(String method, ApiRequest request, ResourcePath at) {
        if (method.startsWith("VERB:")) {
            return at != null && method.substring(5).equalsIgnoreCase(verb(request, at));
        }
        if (method.equals("WATCH")) {
            return request.isWatch();
        }
        return method.equals("*") || method.equals(request.method());
    }

    /** The Kubernetes verb of a request, as RBAC names it. */
    static String verb(ApiRequest request, ResourcePath at) {
        boolean named = at.name() != null;
        switch (request.method()) {
            case "GET":
                return request.isWatch() ? "watch" : named ? "get" : "list";
            case "POST":
                return "create";
            case "PUT":
                return "update";
            case "PATCH":
                return "patch";
            case "DELETE":
                return named ? "delete" : "deletecollection";
            default:
                return request.method().toLowerCase(Locale.ROOT);
        }
    }

    /** The real server's wording of an RBAC refusal. */
    static String rbacMessage(String user, String verb, ResourcePath at) {
        String resource = at.group().isEmpty() ? at.plural() : at.plural() + "." + at.group();
        String subject = at.name() == null ? resource : resource + " \"" + at.name() + "\"";
        String where = at.namespace() == null ? "at the cluster scope" : "in the namespace \"" + at.namespace() + "\"";
        return subject + " is forbidden: User \"" + user + "\" cannot " + verb + " resource \"" + at.plural()
                + "\" in API group \"" + at.group() + "\" " + where;
    }

    static String reasonFor(int status) {
        return Map.ofEntries(Map.entry(400, "BadRequest"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
                Map.entry(404, "NotFound"), Map.entry(405, "MethodNotAllowed"), Map.entry(409, "Conflict"),
                Map.entry(410, "Gone"), Map.entry(422, "Invalid"), Map.entry(429, "TooManyRequests"),
                Map.entry(500, "InternalError"), Map.entry(503, "ServiceUnavailable"), Map.entry(504, "Timeout"))
                .getOrDefault(status, "Unknown");
    }
}
