package io.paycli.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /openapi/v3 and one document per group-version, with the paths and operations a real server declares for the
 * served kinds. kubectl reads the {@code fieldValidation} parameter of each kind's PATCH to decide that the server
 * validates fields itself. Schemas are stubs that name their kind: there is no /openapi/v2 and no field
 * documentation, so {@code kubectl explain} does not work. The PATCH bodies list no strategic merge patch, so
 * kubectl computes its patches from its compiled-in types instead of from these stubs.
 */
final class OpenApiDocuments {

    private static final String PREFIX = "/openapi/v3";

    private final ResourceCatalog catalog;

    OpenApiDocuments(ResourceCatalog catalog) {
        this.catalog = catalog;
    }

    /** The index or a group-version's document, 404 for any other path under /openapi. */
    ApiResponse answer(String path) {
        if (path.equals(PREFIX)) {
            return ApiResponse.json(200, index());
        }
        if (path.startsWith(PREFIX + "/")) {
            String groupVersion = path.substring(PREFIX.length() + 1);
            List<ResourceType> types = catalog.all().stream().filter(t -> relative(t).equals(groupVersion)).toList();
            if (!types.isEmpty()) {
                return ApiResponse.json(200, document(types));
            }
        }
        return ApiHandler.notFound();
    }

    private Map<String, Object> index() {
        Map<String, List<ResourceType>> byGroupVersion = new LinkedHashMap<>();
        catalog.all().forEach(t -> byGroupVersion.computeIfAbsent(relative(t), k -> new ArrayList<>()).add(t));
        Map<String, Object> paths = new LinkedHashMap<>();
        byGroupVersion.forEach((gv, types) -> paths.put(gv,
                Map.of("serverRelativeURL", PREFIX + "/" + gv + "?hash=" + hash(Json.write(document(types))))));
        return Map.of("paths", paths);
    }

    /** api/v1 or apis/apps/v1, as the index keys them. */
    private static String relative(ResourceType type) {
        return type.apiRoot().substring(1);
    }

    private static Map<String, Object> document(List<ResourceType> types) {
        Map<String, Object> paths = new LinkedHashMap<>();
        Map<String, Object> schemas = new LinkedHashMap<>();
        for (ResourceType type : types) {
            String root = type.apiRoot() + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
            Map<String, Object> kind = gvk(type.group(), type.version(), type.kind());
            String schema = schemaName(type);
            schemas.put(schema, Map.of("type", "object", "description", type.kind() + " (fields are not documented here)",
                    "x-kubernetes-group-version-kind", List.of(kind)));
            if (type.group().equals("authorization.k8s.io")) {
                paths.put(root, Map.of("post", operation("create", "post", kind, schema, true)));
                continue;
            }
            Map<String, Object> collection = new LinkedHashMap<>();
            collection.put("get", operation("list", "list", kind, schema, false));
            collection.put("post", operation("create", "post", kind, schema, true));
            collection.put("delete", operation("deletecollection", "deletecollection", kind, schema, false));
            paths.put(root, collection);
            paths.put(root + "/{name}", item(kind, schema, true));
            for (String sub : type.subresources()) {
                Map<String, Object> subKind = sub.equals("scale") ? gvk("autoscaling", "v1", "Scale") : kind;
                String subSchema = sub.equals("scale") ? "io.k8s.api.autoscaling.v1.Scale" : schema;
                paths.put(root + "/{name}/" + sub, item(subKind, subSchema, false));
            }
            if (type.namespaced()) {
                paths.put(type.apiRoot() + "/" + type.plural(), Map.of("get", operation("list", "list", kind, schema, false)));
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.0");
        doc.put("info", Map.of("title", "Kubernetes", "version", "v1.32.0"));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", schemas));
        return doc;
    }

    private static Map<String, Object> item(Map<String, Object> kind, String schema, boolean deletable) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("get", operation("get", "get", kind, schema, false));
        item.put("put", operation("replace", "put", kind, schema, true));
        item.put("patch", operation("patch", "patch", kind, schema, true));
        if (deletable) {
            item.put("delete", operation("delete", "delete", kind, schema, false));
        }
        return item;
    }

    /** One operation; writes take dryRun, fieldManager and fieldValidation, as on a real server. */
    private static Map<String, Object> operation(String verb, String action, Map<String, Object> kind, String schema,
            boolean write) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", verb + kind.get("kind"));
        List<Map<String, Object>> parameters = new ArrayList<>();
        if (write) {
            parameters.add(query("dryRun"));
            parameters.add(query("fieldManager"));
            parameters.add(query("fieldValidation"));
            Map<String, Object> content = new LinkedHashMap<>();
            Map<String, Object> body = Map.of("schema", Map.of("$ref", "#/components/schemas/" + schema));
            if (action.equals("patch")) {
                parameters.add(query("force"));
                content.put(Patches.JSON_PATCH, body);
                content.put(Patches.MERGE, body);
                content.put(Patches.APPLY, body);
            } else {
                content.put("*/*", body);
            }
            op.put("requestBody", Map.of("content", content, "required", true));
        }
        op.put("parameters", parameters);
        op.put("responses", Map.of("200", Map.of("description", "OK", "content",
                Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/" + schema))))));
        op.put("x-kubernetes-action", action);
        op.put("x-kubernetes-group-version-kind", kind);
        return op;
    }

    private static Map<String, Object> query(String name) {
        return Map.of("name", name, "in", "query", "schema", Map.of("type", "string", "uniqueItems", true));
    }

    private static Map<String, Object> gvk(String group, String version, String kind) {
        Map<String, Object> gvk = new LinkedHashMap<>();
        gvk.put("group", group);
        gvk.put("kind", kind);
        gvk.put("version", version);
        return gvk;
    }

    /** io.k8s.api.apps.v1.Deployment for a built-in kind, the reversed group for a custom one. */
    private static String schemaName(ResourceType type) {
        String group = type.group();
        if (group.isEmpty() || !group.contains(".")) {
            return "io.k8s.api." + (group.isEmpty() ? "core" : group) + "." + type.version() + "." + type.kind();
        }
        if (group.endsWith(".k8s.io")) {
            String name = group.substring(0, group.length() - ".k8s.io".length());
            String pkg = name.equals("apiextensions") ? "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions"
                    : "io.k8s.api." + name.replace(".authorization", "");
            return pkg + "." + type.version() + "." + type.kind();
        }
        List<String> parts = new ArrayList<>(List.of(group.split("\\.")));
        java.util.Collections.reverse(parts);
        return String.join(".", parts) + "." + type.version() + "." + type.kind();
    }

    private static String hash(String document) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest(document.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is part of every JVM", e);
        }
    }
}
