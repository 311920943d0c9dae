package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers resource requests (everything under /api/v1 and /apis/G/V except watches). */
final class ApiHandler {

    private final ObjectStore store;
    private final ResourceCatalog catalog;
    private final Writes writes;
    private final Patches patches;

    ApiHandler(ObjectStore store, ResourceCatalog catalog, Writes writes) {
        this.store = store;
        this.catalog = catalog;
        this.writes = writes;
        this.patches = new Patches(writes);
    }

    ApiResponse handle(ApiRequest request, ResourcePath at, ResourceType type) {
        try {
            return Timeline.as(actor(request, at), () -> route(request, at, type));
        } catch (ApiException e) {
            return ApiResponse.error(e);
        }
    }

    /** Who the timeline records for a write of this request. */
    private static Timeline.Actor actor(ApiRequest request, ResourcePath at) {
        String verb = switch (request.method()) {
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> Patches.APPLY.equals(request.mediaType()) ? "apply" : "patch";
            case "DELETE" -> "delete";
            default -> request.method().toLowerCase(java.util.Locale.ROOT);
        };
        return new Timeline.Actor(request.fieldManager(), verb, at.subresource());
    }

    /** The type a resource URL names, when the server serves it at that scope. */
    Optional<ResourceType> typeOf(ResourcePath at) {
        Optional<ResourceType> type = catalog.find(at.group(), at.version(), at.plural());
        if (type.isEmpty()) {
            return type;
        }
        boolean namespaced = type.get().namespaced();
        if (!namespaced && at.namespace() != null) {
            return Optional.empty();
        }
        if (at.subresource() != null && !type.get().subresources().contains(at.subresource())) {
            return Optional.empty();
        }
        return type;
    }

    private ApiResponse route(ApiRequest request, ResourcePath at, ResourceType type) {
        boolean named = at.name() != null;
        if (type.namespaced() && named && at.namespace() == null) {
            return notFound();
        }
        String sub = at.subresource();
        switch (request.method()) {
            case "GET":
                AcceptedView view = AcceptedView.of(request);
                if (!named) {
                    Map<String, Object> list = list(type, at, request);
                    return ApiResponse.json(200, view == null ? list : view.list(type, list));
                }
                Map<String, Object> object = writes.existing(type, at.namespace(), at.name());
                if ("scale".equals(sub)) {
                    return ApiResponse.json(200, Scale.view(object));
                }
                object = EventShapes.as(type, object);
                return ApiResponse.json(200, view == null ? object : view.object(type, object));
            case "POST":
                if (named) {
                    return ApiResponse.status(405, "MethodNotAllowed", "POST is not supported on a named object");
                }
                return decoded(request, type, body -> writes.create(type, at.namespace(), body, request.fieldManager(),
                        Writes.Ownership.RECORD_UPDATE, request.dryRun()));
            case "PUT":
                if (!named) {
                    return ApiResponse.status(405, "MethodNotAllowed", "PUT needs an object name");
                }
                if ("scale".equals(sub)) {
                    return patches.replaceScale(type, at, request);
                }
                if ("status".equals(sub)) {
                    return decoded(request, type,
                            body -> writes.updateStatus(type, at.namespace(), at.name(), body, request.dryRun()));
                }
                return decoded(request, type, body -> writes.update(type, at.namespace(), at.name(), body,
                        request.fieldManager(), Writes.Ownership.RECORD_UPDATE, request.dryRun()));
            case "PATCH":
                if (!named) {
                    return ApiResponse.status(405, "MethodNotAllowed", "PATCH needs an object name");
                }
                return patches.patch(type, at, request);
            case "DELETE":
                Map<String, Object> options = request.body().isBlank() ? Map.of() : Json.parse(request.body());
                boolean dryRun = request.dryRun() || Json.list(options, "dryRun").contains("All");
                if (!named) {
                    return deleteCollection(type, at, request, dryRun);
                }
                return writes.delete(type, at.namespace(), at.name(), options, dryRun);
            default:
                return ApiResponse.status(405, "MethodNotAllowed", request.method() + " is not supported");
        }
    }

    /** A create or update of the request's body, after the checks its fieldValidation asks for. */
    private static ApiResponse decoded(ApiRequest request, ResourceType type,
            java.util.function.Function<Map<String, Object>, ApiResponse> write) {
        FieldValidation validation = FieldValidation.of(request);
        Map<String, Object> body = Json.parse(request.body());
        validation.checkDecoded(type, body, request.body());
        return validation.answer(write.apply(body));
    }

    /** A list with the kind and apiVersion of a real server's list, filtered by field selector. */
    private Map<String, Object> list(ResourceType type, ResourcePath at, ApiRequest request) {
        String labelSelector = request.param("labelSelector");
        String path = type.collectionPath(at.namespace());
        if (at.namespace() == null && type.namespaced()) {
            path = type.apiRoot() + "/" + type.plural();
        }
        if (labelSelector != null && !labelSelector.isEmpty()) {
            path += "?labelSelector=" + java.net.URLEncoder.encode(labelSelector, java.nio.charset.StandardCharsets.UTF_8);
        }
        Map<String, Object> list = Json.parse(storeBody(path));
        List<Object> items = new ArrayList<>();
        FieldSelector fields = FieldSelector.parse(request.param("fieldSelector"));
        for (Object item : Json.list(list, "items")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = EventShapes.as(type, (Map<String, Object>) item);
            if (fields.matches(object)) {
                items.add(object);
            }
        }
        list.put("apiVersion", type.groupVersion());
        list.put("kind", type.kind() + "List");
        list.put("items", items);
        Map<String, Object> metadata = Json.mapOrCreate(list, "metadata");
        metadata.remove("selfLink");
        return list;
    }

    private ApiResponse deleteCollection(ResourceType type, ResourcePath at, ApiRequest request, boolean dryRun) {
        Map<String, Object> listed = list(type, at, request);
        for (Object item : Json.list(listed, "items")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) item;
            writes.delete(type, Json.string(object, "metadata", "namespace"), Json.string(object, "metadata", "name"),
                    Map.of(), dryRun);
        }
        return ApiResponse.json(200, listed);
    }

    private String storeBody(String path) {
        var response = store.handleGet(path);
        var body = response.getBody();
        return body == null ? "{}" : new String(body.getBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    static ApiResponse notFound() {
        return ApiResponse.status(404, "NotFound", "the server could not find the requested resource");
    }
}
