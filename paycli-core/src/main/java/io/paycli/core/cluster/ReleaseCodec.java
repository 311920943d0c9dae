package io.paycli.core.cluster;

import io.paycli.core.error.ClusterException;
import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.Colour;
import io.paycli.core.model.Release;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** A release as the two data entries of its Secret: release.json (every field but the manifests) and the gzipped manifests. */
final class ReleaseCodec {

    static final String RECORD = "release.json";
    static final String MANIFESTS = "manifests.yaml.gz";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReleaseCodec() {
    }

    static byte[] record(Release r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("app", r.app());
        fields.put("env", r.env());
        fields.put("namespace", r.namespace());
        fields.put("revision", r.revision());
        fields.put("tag", r.tag());
        fields.put("image", r.image());
        fields.put("template", r.template());
        fields.put("templateVersion", r.templateVersion());
        fields.put("catalogCommit", r.catalogCommit());
        fields.put("configHash", r.configHash());
        fields.put("user", r.user());
        fields.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
        fields.put("durationMillis", r.durationMillis());
        fields.put("result", r.result() == null ? null : r.result().name());
        fields.put("message", r.message());
        if (r.blueGreen() != null) {
            fields.put("blueGreen", blueGreen(r.blueGreen()));
        }
        return JSON.writeValueAsBytes(fields);
    }

    static Release release(byte[] record, byte[] manifests, String secretName) {
        try {
            Map<?, ?> f = JSON.readValue(record, Map.class);
            Object started = f.get("startedAt");
            Object result = f.get("result");
            Object revision = f.get("revision");
            Object duration = f.get("durationMillis");
            return new Release(text(f, "app"), text(f, "env"), text(f, "namespace"),
                    revision instanceof Number n ? n.intValue() : 0, text(f, "tag"), text(f, "image"),
                    text(f, "template"), text(f, "templateVersion"), text(f, "catalogCommit"),
                    text(f, "configHash"), text(f, "user"),
                    started == null ? null : Instant.parse(String.valueOf(started)),
                    duration instanceof Number n ? n.longValue() : 0,
                    result == null ? null : Release.Result.valueOf(String.valueOf(result)), text(f, "message"),
                    manifests == null ? null : gunzip(manifests), blueGreen(f.get("blueGreen")));
        } catch (JacksonException | IllegalArgumentException | NullPointerException
                | java.time.DateTimeException e) {
            throw new ClusterException("the release record " + secretName + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> blueGreen(BlueGreenState state) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("live", state.live().id());
        fields.put("idle", state.idle().id());
        fields.put("idleTag", state.idleTag());
        fields.put("idleRevision", state.idleRevision());
        fields.put("idleWindowEnd", state.idleWindowEnd() == null ? null : state.idleWindowEnd().toString());
        fields.put("phase", state.phase().name());
        return fields;
    }

    /** Null for a record without the field: rolling releases and every record written before blue-green. */
    private static BlueGreenState blueGreen(Object field) {
        if (!(field instanceof Map<?, ?> f)) {
            return null;
        }
        Object revision = f.get("idleRevision");
        Object windowEnd = f.get("idleWindowEnd");
        return new BlueGreenState(Colour.fromId(text(f, "live")), Colour.fromId(text(f, "idle")), text(f, "idleTag"),
                revision instanceof Number n ? n.intValue() : 0,
                windowEnd == null ? null : Instant.parse(String.valueOf(windowEnd)),
                BlueGreenState.Phase.valueOf(text(f, "phase")));
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String gunzip(byte[] gzipped) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the manifests of a release record are not valid gzip", e);
        }
    }

    private static String text(Map<?, ?> fields, String key) {
        Object value = fields.get(key);
        return value == null ? null : String.valueOf(value);
    }
}
