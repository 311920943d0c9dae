package io.paycli.agent.http;

import io.javalin.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Type;

/**
 * Javalin's JSON through Jackson 3, the Jackson the rest of paycli uses: one mapper for the whole process, no
 * second (Jackson 2) copy of the same classes in the jar.
 */
public final class AgentJsonMapper implements JsonMapper {
    private final tools.jackson.databind.json.JsonMapper json;

    public AgentJsonMapper(tools.jackson.databind.json.JsonMapper json) {
        this.json = json;
    }

    public AgentJsonMapper() {
        this(tools.jackson.databind.json.JsonMapper.shared());
    }

    @Override
    public String toJsonString(Object obj, Type type) {
        return json.writerFor(json.constructType(type)).writeValueAsString(obj);
    }

    @Override
    public InputStream toJsonStream(Object obj, Type type) {
        // Responses are small (status, job records); a piped stream and its thread would cost more than the bytes.
        return new ByteArrayInputStream(json.writerFor(json.constructType(type)).writeValueAsBytes(obj));
    }

    @Override
    public <T> T fromJsonString(String text, Type type) {
        return json.readValue(text, json.constructType(type));
    }

    @Override
    public <T> T fromJsonStream(InputStream in, Type type) {
        return json.readValue(in, json.constructType(type));
    }
}
