package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a read asks for in its Accept header besides plain JSON: a Table (meta.k8s.io v1 or v1beta1, as kubectl
 * get asks) or PartialObjectMetadata. The first media range the server can serve wins, as content negotiation on a
 * real server; one asking only for a form it cannot serve gets 406. Table rows carry the object as
 * includeObject says: its metadata (the default), the whole object, or nothing.
 */
final class AcceptedView {

    private enum Shape { TABLE, PARTIAL }

    private final Shape shape;
    private final String apiVersion;
    private final String include;

    private AcceptedView(Shape shape, String version, String include) {
        this.shape = shape;
        this.apiVersion = "meta.k8s.io/" + version;
        this.include = include;
    }

    /** The view the request asks for, or null for the object itself. */
    static AcceptedView of(ApiRequest request) {
        String accept = request.accept();
        if (accept == null || accept.isBlank()) {
            return null;
        }
        boolean askedForView = false;
        for (String range : accept.split(",")) {
            Map<String, String> params = new LinkedHashMap<>();
            String[] parts = range.split(";");
            for (int i = 1; i < parts.length; i++) {
                String[] pair = parts[i].trim().split("=", 2);
                params.put(pair[0].toLowerCase(Locale.ROOT), pair.length > 1 ? pair[1].trim() : "");
            }
            String media = parts[0].trim().toLowerCase(Locale.ROOT);
            if (!media.equals("application/json") && !media.equals("*/*") && !media.equals("application/*")
                    && !media.equals("application/yaml")) {
                continue;
            }
            String as = params.get("as");
            if (as == null) {
                return null;
            }
            askedForView = true;
            String version = params.get("v");
            boolean known = "meta.k8s.io".equals(params.get("g")) && ("v1".equals(version) || "v1beta1".equals(version));
            if (known && as.equals("Table")) {
                return new AcceptedView(Shape.TABLE, version, include(request));
            }
            if (known && (as.equals("PartialObjectMetadata") || as.equals("PartialObjectMetadataList"))) {
                return new AcceptedView(Shape.PARTIAL, version, "Metadata");
            }
        }
        if (askedForView) {
            throw new ApiException(406, "NotAcceptable", "only the following media types are accepted: "
                    + "application/json, application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io");
        }
        return null;
    }

    private static String include(ApiRequest request) {
        String include = request.param("includeObject");
        if (include == null || include.isEmpty()) {
            return "Metadata";
        }
        if (!include.equals("Metadata") && !include.equals("Object") && !include.equals("None")) {
            throw new ApiException(400, "BadRequest", "unrecognized includeObject value: \"" + include + "\"");
        }
        return include;
    }

    /** A list (kind XList) as this view. */
    Map<String, Object> list(ResourceType type, Map<String, Object> list) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Object item : Json.list(list, "items")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) item;
            items.add(object);
        }
        Map<String, Object> metadata = Json.map(list, "metadata");
        if (shape == Shape.PARTIAL) {
            Map<String, Object> partial = head("PartialObjectMetadataList", metadata);
            partial.put("items", items.stream().map(this::partial).toList());
            return partial;
        }
        return table(type, items, metadata, true);
    }

    /** One object as this view. */
    Map<String, Object> object(ResourceType type, Map<String, Object> object) {
        if (shape == Shape.PARTIAL) {
            return partial(object);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("resourceVersion", Json.string(object, "metadata", "resourceVersion"));
        return table(type, List.of(object), metadata, true);
    }

    /** The object of a watch event: a one-row Table whose columns only the first event carries, to save bytes. */
    Map<String, Object> event(ResourceType type, Map<String, Object> object, boolean first) {
        if (shape == Shape.PARTIAL) {
            return partial(object);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("resourceVersion", Json.string(object, "metadata", "resourceVersion"));
        return table(type, List.of(object), metadata, first);
    }

    private Map<String, Object> table(ResourceType type, List<Map<String, Object>> objects,
            Map<String, Object> metadata, boolean withColumns) {
        Printers.Printer printer = Printers.of(type);
        Map<String, Object> table = head("Table", metadata);
        table.put("columnDefinitions", withColumns ? printer.columns().stream().map(Printers.Column::json).toList()
                : List.of());
        List<Object> rows = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("cells", printer.cells().apply(object));
            List<Object> conditions = printer.conditions() == null ? null : printer.conditions().apply(object);
            if (conditions != null) {
                row.put("conditions", conditions);
            }
            row.put("object", switch (include) {
                case "Object" -> object;
                case "None" -> null;
                default -> partial(object);
            });
            rows.add(row);
        }
        table.put("rows", rows);
        return table;
    }

    private Map<String, Object> partial(Map<String, Object> object) {
        Map<String, Object> metadata = Json.map(object, "metadata");
        return head("PartialObjectMetadata", metadata);
    }

    private Map<String, Object> head(String kind, Map<String, Object> metadata) {
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("kind", kind);
        head.put("apiVersion", apiVersion);
        head.put("metadata", metadata == null ? Map.of() : metadata);
        return head;
    }
}
