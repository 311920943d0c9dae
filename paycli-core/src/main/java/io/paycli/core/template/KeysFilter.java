package io.paycli.core.template;

import java.util.List;
import java.util.Map;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

/**
 * {@code {% for name in values.env | keys %}}: the keys of a map, sorted, so that loops over
 * maps give the same output whatever order the user wrote them in.
 */
final class KeysFilter implements Filter {

    @Override
    public List<String> getArgumentNames() {
        return null;
    }

    @Override
    public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
            int lineNumber) {
        if (input == null) {
            return List.of();
        }
        if (!(input instanceof Map<?, ?> map)) {
            throw new PebbleException(null, "keys filter needs a map, got " + input.getClass().getSimpleName(),
                    lineNumber, self.getName());
        }
        return map.keySet().stream().map(String::valueOf).sorted().toList();
    }
}
