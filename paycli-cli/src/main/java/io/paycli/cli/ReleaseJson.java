package io.paycli.cli;

import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.Release;
import java.util.LinkedHashMap;
import java.util.Map;

/** A release for -o json/yaml: every field but the manifests; blueGreen only for blue-green releases. */
final class ReleaseJson {
    private ReleaseJson() {
    }

    static Map<String, Object> of(Release r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", r.app());
        m.put("env", r.env());
        m.put("namespace", r.namespace());
        m.put("revision", r.revision());
        m.put("tag", r.tag());
        m.put("image", r.image());
        m.put("template", r.template() + "@" + r.templateVersion());
        m.put("catalogCommit", r.catalogCommit());
        m.put("configHash", r.configHash());
        m.put("user", r.user());
        m.put("startedAt", r.startedAt().toString());
        m.put("durationMillis", r.durationMillis());
        m.put("result", r.result().name().toLowerCase());
        m.put("message", r.message());
        if (r.blueGreen() != null) {
            m.put("blueGreen", blueGreen(r.blueGreen()));
        }
        return m;
    }

    private static Map<String, Object> blueGreen(BlueGreenState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("live", state.live().id());
        m.put("idle", state.idle().id());
        m.put("idleTag", state.idleTag());
        m.put("idleRevision", state.idleRevision());
        m.put("idleWindowEnd", state.idleWindowEnd() == null ? null : state.idleWindowEnd().toString());
        m.put("phase", state.phase().name().toLowerCase());
        return m;
    }
}
