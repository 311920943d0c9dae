package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /version, /api, /apis and the per-group-version resource lists that kubectl and client libraries read to map
 * kinds to URLs. Only the legacy discovery documents are served; a client asking for aggregated discovery alone
 * gets 406 and falls back. The OpenAPI v3 documents come from {@link OpenApiDocuments}; there is no v2.
 */
final class Discovery {

    /** The kinds `kubectl get all` shows, as the real server lists them in the "all" category. */
    private static final java.util.Set<String> ALL = java.util.Set.of("/v1/pods", "/v1/services", "apps/v1/deployments",
            "apps/v1/statefulsets", "apps/v1/daemonsets", "apps/v1/replicasets", "batch/v1/jobs", "batch/v1/cronjobs",
            "autoscaling/v2/horizontalpodautoscalers");

    private final ResourceCatalog catalog;
    private final OpenApiDocuments openApi;

    Discovery(ResourceCatalog catalog) {
        this.catalog = catalog;
        this.openApi = new OpenApiDocuments(catalog);
    }

    /** The answer for a discovery path, or null when the path is not one. */
    ApiResponse answer(ApiRequest request) {
        String path = request.path();
        if (path.equals("/openapi") || path.startsWith("/openapi/")) {
            return openApi.answer(path);
        }
        boolean discovery = path.equals("/api") || path.equals("/apis") || isGroupPath(path) || path.equals("/version")
                || path.equals("/") || path.equals("/healthz") || path.equals("/readyz") || path.equals("/livez");
        if (!discovery) {
            return null;
        }
        if (onlyAggregatedAccepted(request.accept())) {
            return ApiResponse.status(406, "NotAcceptable", "only the legacy discovery documents are served");
        }
        switch (path) {
            case "/version":
                return ApiResponse.json(200, version());
            case "/":
                return ApiResponse.json(200, Map.of("paths", List.of("/api", "/api/v1", "/apis", "/version")));
            case "/healthz":
            case "/readyz":
            case "/livez":
                return new ApiResponse(200, "ok", Map.of("Content-Type", "text/plain"));
            case "/api":
                return ApiResponse.json(200, Map.of("kind", "APIVersions", "versions", List.of("v1"),
                        "serverAddressByClientCIDRs", List.of()));
            case "/apis":
                return ApiResponse.json(200, groupList());
            default:
                return groupPath(path);
        }
    }

    private static boolean isGroupPath(String path) {
        String[] parts = path.substring(1).split("/");
        return (parts.length == 2 && parts[0].equals("api"))
                || ((parts.length == 2 || parts.length == 3) && parts[0].equals("apis"));
    }

    private ApiResponse groupPath(String path) {
        String[] parts = path.substring(1).split("/");
        String group = parts[0].equals("api") ? "" : parts[1];
        List<ResourceType> types = catalog.all().stream().filter(t -> t.group().equals(group)).toList();
        if (parts[0].equals("apis") && parts.length == 2) {
            return types.isEmpty() ? ApiHandler.notFound() : ApiResponse.json(200, group(group, types));
        }
        String version = parts[0].equals("api") ? parts[1] : parts[2];
        List<ResourceType> inVersion = types.stream().filter(t -> t.version().equals(version)).toList();
        if (inVersion.isEmpty()) {
            return ApiHandler.notFound();
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (ResourceType type : inVersion) {
            // Reviews are only ever created.
            List<String> verbs = type.group().equals("authorization.k8s.io") ? List.of("create") : ResourceType.VERBS;
            Map<String, Object> main = resource(type.plural(), type.singular(), type.namespaced(), type.kind(),
                    verbs, type.shortNames(), null, null);
            if (ALL.contains(type.group() + "/" + type.version() + "/" + type.plural())) {
                main.put("categories", List.of("all"));
            }
            resources.add(main);
            for (String sub : type.subresources()) {
                if (sub.equals("scale")) {
                    resources.add(resource(type.plural() + "/scale", "", type.namespaced(), "Scale",
                            List.of("get", "patch", "update"), List.of(), "autoscaling", "v1"));
                } else {
                    resources.add(resource(type.plural() + "/" + sub, "", type.namespaced(), type.kind(),
                            List.of("get", "patch", "update"), List.of(), null, null));
                }
            }
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", inVersion.get(0).groupVersion());
        list.put("resources", resources);
        return ApiResponse.json(200, list);
    }

    private Map<String, Object> groupList() {
        List<Map<String, Object>> groups = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (ResourceType type : catalog.all()) {
            if (!type.group().isEmpty() && !seen.contains(type.group())) {
                seen.add(type.group());
                groups.add(group(type.group(), catalog.all().stream().filter(t -> t.group().equals(type.group())).toList()));
            }
        }
        return Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups);
    }

    private static Map<String, Object> group(String name, List<ResourceType> types) {
        List<Map<String, Object>> versions = new ArrayList<>();
        types.stream().map(ResourceType::version).distinct()
                .forEach(v -> versions.add(Map.of("groupVersion", name + "/" + v, "version", v)));
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("kind", "APIGroup");
        group.put("apiVersion", "v1");
        group.put("name", name);
        group.put("versions", versions);
        group.put("preferredVersion", versions.get(0));
        return group;
    }

    private static Map<String, Object> resource(String name, String singular, boolean namespaced, String kind,
            List<String> verbs, List<String> shortNames, String group, String version) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("name", name);
        resource.put("singularName", singular);
        resource.put("namespaced", namespaced);
        if (group != null) {
            resource.put("group", group);
            resource.put("version", version);
        }
        resource.put("kind", kind);
        resource.put("verbs", verbs);
        if (!shortNames.isEmpty()) {
            resource.put("shortNames", shortNames);
        }
        return resource;
    }

    private static Map<String, Object> version() {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("major", "1");
        version.put("minor", "32");
        version.put("gitVersion", "v1.32.0");
        version.put("gitCommit", "paycli-sandbox");
        version.put("gitTreeState", "clean");
        version.put("buildDate", "2025-01-01T00:00:00Z");
        version.put("goVersion", "go1.23.4");
        version.put("compiler", "gc");
        version.put("platform", "linux/amd64");
        return version;
    }

    /** True when the client accepts aggregated discovery and nothing this server can give instead. */
    private static boolean onlyAggregatedAccepted(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        for (String option : accept.split(",")) {
            String media = option.trim();
            if (!media.contains("apidiscovery.k8s.io")) {
                return false;
            }
        }
        return true;
    }
}
