package io.paycli.core.template;

import java.util.List;
import java.util.Map;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code {{ value | json }}}: writes any value as compact JSON. JSON is YAML flow style, so a
 * template can insert strings, numbers, lists and maps without worrying about quoting. Map keys
 * are sorted so the output never depends on map order.
 */
final class JsonFilter implements Filter {

    private static final JsonMapper JSON = JsonMapper.builder(
                    JsonFactory.builder().characterEscapes(new YamlSafeEscapes()).build())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @Override
    public List<String> getArgumentNames() {
        return null;
    }

    @Override
    public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
            int lineNumber) {
        try {
            return JSON.writeValueAsString(input);
        } catch (JacksonException e) {
            throw new PebbleException(e, "json filter cannot write this value: " + e.getOriginalMessage(),
                    lineNumber, self.getName());
        }
    }

    /**
     * JSON allows a few characters raw that YAML readers reject or take as line breaks (DEL, the
     * C1 controls such as NEL, the Unicode line and paragraph separators, BOM); escape those.
     */
    private static final class YamlSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii;

        YamlSafeEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            boolean unsafe = (ch >= 0x80 && ch <= 0x9F) || ch == 0x2028 || ch == 0x2029 || ch == 0xFEFF
                    || ch == 0xFFFE || ch == 0xFFFF;
            return unsafe ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
