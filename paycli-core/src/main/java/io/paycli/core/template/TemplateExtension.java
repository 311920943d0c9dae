package io.paycli.core.template;

import java.util.Map;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;

/** The filters paycli adds to Pebble for writing YAML safely. */
final class TemplateExtension extends AbstractExtension {

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of("json", new JsonFilter(), "keys", new KeysFilter());
    }
}
