package io.paycli.core.render;

import io.paycli.core.model.ConfigEntry;
import java.util.List;
import java.util.Map;

/**
 * Everything one render depends on, already loaded and checked, so that rendering itself reads
 * no files, no clock and no network.
 */
public record RenderInput(
        String app,
        String team,
        String env,
        String namespace,
        String image,
        String tag,
        Map<String, Object> values,
        List<ConfigEntry> config) {

    public RenderInput {
        config = List.copyOf(config);
    }
}
