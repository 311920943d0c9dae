package io.paycli.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Authentication by bearer token and RBAC authorisation, when the sandbox has users; without them every request
 * is allowed, as before. Non-resource URLs (discovery, /version, /openapi) are open to every authenticated
 * user, as system:discovery and system:basic-user make them on a real server, and so are the self reviews.
 */
final class AccessControl {

    private static final String REVIEWS = "/apis/authorization.k8s.io/v1/";

    private final SandboxUsers users;
    private final Rbac rbac;
    private final ObjectStore store;

    /** {@code users} is null for a sandbox that allows everything. */
    AccessControl(SandboxUsers users, ObjectStore store) {
        this.users = users;
        this.rbac = new Rbac(store);
        this.store = store;
    }

    /** A 401 or 403 answer for the request, or null when it may go on. */
    ApiResponse check(ApiRequest request, ResourcePath at) {
        if (users == null) {
            return null;
        }
        SandboxUsers.User user = user(request);
        if (user == null) {
            return ApiResponse.status(401, "Unauthorized", "Unauthorized");
        }
        if (at == null || isReview(request.path())) {
            return null;
        }
        Rbac.Attributes asked = attributes(Faults.verb(request, at), at);
        if (rbac.allows(user, asked) == null) {
            return forbidden(user, asked.verb(), at);
        }
        if (createsByApply(request, at)) {
            // An apply that creates the object is authorised as a create as well.
            Rbac.Attributes create = attributes("create", at);
            if (rbac.allows(user, create) == null) {
                return forbidden(user, "create", at);
            }
        }
        return null;
    }

    /** The answer to a SelfSubjectAccessReview or SelfSubjectRulesReview, or null for any other request. */
    ApiResponse review(ApiRequest request) {
        if (!isReview(request.path()) || !request.method().equals("POST")) {
            return null;
        }
        SandboxUsers.User user = users == null ? null : user(request);
        Map<String, Object> review = Json.parse(request.body());
        Map<String, Object> spec = Json.mapOrCreate(review, "spec");
        Map<String, Object> status = new LinkedHashMap<>();
        if (request.path().endsWith("/selfsubjectrulesreviews")) {
            status.put("resourceRules", user == null ? List.of(Map.of("verbs", List.of("*"), "apiGroups", List.of("*"),
                    "resources", List.of("*"))) : rbac.rules(user, Json.string(spec, "namespace")));
            status.put("nonResourceRules", List.of(Map.of("verbs", List.of("get"),
                    "nonResourceURLs", List.of("/api", "/api/*", "/apis", "/apis/*", "/openapi", "/openapi/*", "/version"))));
            status.put("incomplete", false);
        } else {
            Map<String, Object> resource = Json.map(spec, "resourceAttributes");
            if (user == null || resource == null) {
                status.put("allowed", true);
            } else {
                Rbac.Attributes asked = new Rbac.Attributes(text(resource.get("verb")), text(resource.get("group")),
                        text(resource.get("resource")), text(resource.get("subresource")),
                        text(resource.get("namespace")), blankToNull(resource.get("name")));
                Rbac.Grant grant = rbac.allows(user, asked);
                status.put("allowed", grant != null);
                if (grant != null) {
                    status.put("reason", "RBAC: allowed by " + grant.binding() + " of " + grant.role()
                            + " to User \"" + user.name() + "\"");
                }
            }
        }
        review.put("status", status);
        Json.mapOrCreate(review, "metadata");
        return ApiResponse.json(201, review);
    }

    private SandboxUsers.User user(ApiRequest request) {
        String header = request.authorization();
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return users.byToken(header.substring(7).trim()).orElse(null);
    }

    /** The attributes as the real server's request info derives them: a namespace's own name is its namespace. */
    private static Rbac.Attributes attributes(String verb, ResourcePath at) {
        String namespace = at.namespace();
        if (namespace == null && at.group().isEmpty() && at.plural().equals("namespaces") && at.name() != null) {
            namespace = at.name();
        }
        return new Rbac.Attributes(verb, at.group(), at.plural(), at.subresource(), namespace, at.name());
    }

    private boolean createsByApply(ApiRequest request, ResourcePath at) {
        return request.method().equals("PATCH") && request.mediaType().contains("apply-patch")
                && at.name() != null && at.subresource() == null && store.get(request.path()) == null;
    }

    private static ApiResponse forbidden(SandboxUsers.User user, String verb, ResourcePath at) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (at.name() != null) {
            details.put("name", at.name());
        }
        details.put("group", at.group());
        details.put("kind", at.plural());
        return ApiResponse.error(new ApiException(403, "Forbidden", Faults.rbacMessage(user.name(), verb, at), details));
    }

    private static boolean isReview(String path) {
        return path.equals(REVIEWS + "selfsubjectaccessreviews") || path.equals(REVIEWS + "selfsubjectrulesreviews");
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String blankToNull(Object value) {
        return value == null || String.valueOf(value).isEmpty() ? null : String.valueOf(value);
    }
}
