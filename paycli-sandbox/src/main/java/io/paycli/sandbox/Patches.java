package io.paycli.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.zjsonpatch.JsonPatch;
import tools.jackson.databind.JsonNode;

/** PATCH in its four content types, and the scale subresource that clients patch or replace. */
final class Patches {

    static final String APPLY = "application/apply-patch+yaml";
    static final String MERGE = "application/merge-patch+json";
    static final String STRATEGIC = "application/strategic-merge-patch+json";
    static final String JSON_PATCH = "application/json-patch+json";
    private static final Set<String> SUPPORTED = Set.of(APPLY, MERGE, STRATEGIC, JSON_PATCH);

    private final Writes writes;

    Patches(Writes writes) {
        this.writes = writes;
    }

    ApiResponse patch(ResourceType type, ResourcePath at, ApiRequest request) {
        String media = request.mediaType();
        if (!SUPPORTED.contains(media)) {
            return ApiResponse.status(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                    + "accepted media types include: " + String.join(", ", List.of(JSON_PATCH, MERGE, APPLY, STRATEGIC)));
        }
        if (media.equals(STRATEGIC) && !ResourceCatalog.builtIn(type.group(), type.version(), type.plural()).isPresent()) {
            return ApiResponse.status(415, "UnsupportedMediaType",
                    "strategic merge patch is not supported for custom resources; use a JSON merge patch");
        }
        String manager = request.fieldManager();
        boolean dryRun = request.dryRun();
        FieldValidation validation = FieldValidation.of(request);
        if (media.equals(APPLY) && at.subresource() == null) {
            if (request.param("fieldManager") == null || request.param("fieldManager").isEmpty()) {
                return ApiResponse.status(422, "Invalid", "PATCH requests of type apply require a fieldManager");
            }
            Map<String, Object> applied = Json.parseYaml(request.body());
            validation.checkApplied(type, at.namespace(), at.name(), applied);
            boolean force = "true".equals(request.param("force"));
            return validation.answer(apply(type, at, applied, manager, force, dryRun));
        }
        synchronized (writes.lock()) {
            Map<String, Object> current = writes.existing(type, at.namespace(), at.name());
            boolean scale = "scale".equals(at.subresource());
            Map<String, Object> target = scale ? Scale.view(current) : current;
            Map<String, Object> patched = patched(media, target, request.body());
            if (scale) {
                return scaleTo(type, at, current, patched, manager, dryRun);
            }
            // The patched object is decoded like a created one; a JSON patch has no keys of its own to repeat.
            validation.checkDecoded(type, patched, media.equals(JSON_PATCH) ? null : request.body());
            if ("status".equals(at.subresource())) {
                return validation.answer(writes.updateStatus(type, at.namespace(), at.name(), patched, dryRun));
            }
            return validation.answer(writes.update(type, at.namespace(), at.name(), patched, manager,
                    Writes.Ownership.RECORD_UPDATE, dryRun));
        }
    }

    /** PUT on the scale subresource. */
    ApiResponse replaceScale(ResourceType type, ResourcePath at, ApiRequest request) {
        Map<String, Object> current = writes.existing(type, at.namespace(), at.name());
        return scaleTo(type, at, current, Json.parse(request.body()), request.fieldManager(), request.dryRun());
    }

    private ApiResponse apply(ResourceType type, ResourcePath at, Map<String, Object> applied, String manager,
            boolean force, boolean dryRun) {
        Object kind = applied.get("kind");
        if (applied.get("apiVersion") == null || kind == null) {
            return ApiResponse.status(400, "BadRequest", "apiVersion and kind must be set in an applied object");
        }
        Map<String, Object> metadata = Json.mapOrCreate(applied, "metadata");
        Object name = metadata.get("name");
        if (name != null && !at.name().equals(name)) {
            return ApiResponse.status(400, "BadRequest",
                    "the name of the object (" + name + ") does not match the name on the URL (" + at.name() + ")");
        }
        metadata.put("name", at.name());
        synchronized (writes.lock()) {
            Map<String, Object> live;
            try {
                live = writes.existing(type, at.namespace(), at.name());
            } catch (ApiException missing) {
                live = null;
            }
            Map<String, Object> result = ServerSideApply.apply(live, applied, manager, force, at.name());
            if (live == null) {
                return writes.create(type, at.namespace(), result, manager, Writes.Ownership.PRECOMPUTED, dryRun);
            }
            return writes.update(type, at.namespace(), at.name(), result, manager, Writes.Ownership.PRECOMPUTED, dryRun);
        }
    }

    private ApiResponse scaleTo(ResourceType type, ResourcePath at, Map<String, Object> current,
            Map<String, Object> scale, String manager, boolean dryRun) {
        if (!Strictness.scalable(type)) {
            return ApiResponse.status(404, "NotFound", "the server could not find the requested resource");
        }
        Object replicas = Json.map(scale, "spec") == null ? null : Json.map(scale, "spec").get("replicas");
        if (!(replicas instanceof Number) || ((Number) replicas).intValue() < 0) {
            throw ApiException.invalid("Scale", "autoscaling", at.name(), "spec.replicas",
                    "Invalid value: " + replicas + ": must be greater than or equal to 0");
        }
        Map<String, Object> updated = Json.copy(current);
        Json.mapOrCreate(updated, "spec").put("replicas", ((Number) replicas).intValue());
        String expected = Json.string(scale, "metadata", "resourceVersion");
        Json.mapOrCreate(updated, "metadata").put("resourceVersion", expected == null ? "" : expected);
        ApiResponse response = writes.updateScale(type, at.namespace(), at.name(), updated, manager, dryRun);
        if (response.code() != 200) {
            return response;
        }
        return ApiResponse.json(200, Scale.view(Json.parse(response.body())));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> patched(String media, Map<String, Object> current, String body) {
        switch (media) {
            case APPLY:
                // An apply to a subresource (status, scale) merges like a merge patch: ownership is not kept there.
                return Merge.strategic(current, Json.parseYaml(body));
            case MERGE:
                return Merge.jsonMergePatch(current, Json.parse(body));
            case STRATEGIC:
                return Merge.strategic(current, Json.parse(body));
            default:
                try {
                    JsonNode patch = Json.MAPPER.readTree(body);
                    JsonNode result = JsonPatch.apply(patch, Json.MAPPER.valueToTree(current));
                    return Json.MAPPER.convertValue(result, LinkedHashMap.class);
                } catch (ApiException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new ApiException(422, "Invalid", "the JSON patch could not be applied: " + e.getMessage());
                }
        }
    }
}
