package io.paycli.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Schema violations in the user's words: conditional requirements and patterns of any schema, not only ours. */
class SchemaCheckTest {
    private static final SchemaCheck QUEUE = SchemaCheck.of("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "queue": {
                  "type": "object",
                  "properties": {
                    "kind": {"enum": ["kafka", "sqs"]},
                    "topic": {"type": ["string", "null"]},
                    "code": {"type": "string", "pattern": "^[A-Z]{3}$", "description": "Three capital letters."}
                  },
                  "if": {"properties": {"kind": {"const": "kafka"}}, "required": ["kind"]},
                  "then": {"properties": {"topic": {"type": "string"}}, "required": ["topic"]}
                }
              }
            }
            """, "test schema");
    private static final SchemaCheck.Problem REQUIRED_TOPIC =
            new SchemaCheck.Problem("queue.topic", "required when queue.kind is kafka", "queue.kind");

    @Test
    void aValueRequiredByAnotherIsRequiredWhenAndBlamesTheOther() {
        assertThat(QUEUE.check(Map.of("queue", Map.of("kind", "kafka"))))
                .containsExactly(REQUIRED_TOPIC);
        Map<String, Object> nullTopic = new HashMap<>(Map.of("kind", "kafka"));
        nullTopic.put("topic", null);
        assertThat(QUEUE.check(Map.of("queue", nullTopic)))
                .containsExactly(REQUIRED_TOPIC);
        assertThat(QUEUE.check(Map.of("queue", Map.of("kind", "sqs")))).isEmpty();
    }

    @Test
    void anUnknownPatternIsShownWithTheKeysDescription() {
        List<SchemaCheck.Problem> problems = QUEUE.check(Map.of("queue", Map.of("kind", "sqs", "code", "ab")));

        assertThat(problems).containsExactly(new SchemaCheck.Problem("queue.code",
                "\"ab\" does not have the expected form (Three capital letters.): it must match ^[A-Z]{3}$"));
    }
}
