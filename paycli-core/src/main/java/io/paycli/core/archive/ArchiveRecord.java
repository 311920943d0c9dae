package io.paycli.core.archive;

import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.Colour;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** A {@code release.json} of the archive read back: whether it succeeded, whether it waits on preview, its release. */
final class ArchiveRecord {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<?, ?> fields;

    private ArchiveRecord(Map<?, ?> fields) {
        this.fields = fields;
    }

    static ArchiveRecord parse(String json) {
        return new ArchiveRecord(JSON.readValue(json, Map.class));
    }

    boolean succeeded() {
        return "succeeded".equals(text("result"));
    }

    /** A blue-green release on preview: ready, never promoted, serving no traffic. */
    boolean onPreview() {
        return fields.get("blueGreen") instanceof Map<?, ?> bg && "preview".equals(bg.get("phase"));
    }

    String text(String name) {
        Object value = fields.get(name);
        return value == null ? null : String.valueOf(value);
    }

    /** The record as a successful release whose manifests are {@code manifests}. */
    Release release(String manifests) {
        String startedAt = text("startedAt");
        return new Release(text("app"), text("env"), text("namespace"), number("revision"), text("tag"),
                text("image"), text("template"), text("templateVersion"), text("catalogCommit"), text("configHash"),
                text("user"), startedAt == null ? null : Instant.parse(startedAt), number("durationMillis"),
                Result.SUCCEEDED, text("message"), manifests, blueGreen());
    }

    private int number(String name) {
        return fields.get(name) instanceof Number n ? n.intValue() : 0;
    }

    private BlueGreenState blueGreen() {
        if (!(fields.get("blueGreen") instanceof Map<?, ?> bg)) {
            return null;
        }
        Object end = bg.get("idleWindowEnd");
        return new BlueGreenState(Colour.fromId(String.valueOf(bg.get("live"))),
                Colour.fromId(String.valueOf(bg.get("idle"))), bg.get("idleTag") == null ? null
                        : String.valueOf(bg.get("idleTag")), bg.get("idleRevision") instanceof Number n ? n.intValue()
                        : 0, end == null ? null : Instant.parse(String.valueOf(end)),
                BlueGreenState.Phase.valueOf(String.valueOf(bg.get("phase")).toUpperCase(Locale.ROOT)));
    }
}
