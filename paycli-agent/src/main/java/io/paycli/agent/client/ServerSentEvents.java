package io.paycli.agent.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads a text/event-stream as the agent writes it (the HTML living standard's format, the subset the agent uses):
 * {@code id:}, {@code event:} and {@code data:} lines, an empty line ending each event; lines starting with
 * {@code :} are comments (the agent's keep-alives). The JDK has no reader for it, and it is a few lines.
 */
final class ServerSentEvents {
    /** One event: its id (null when none was sent), its type ({@code message} by default) and its data. */
    record Event(String id, String type, String data) {
    }

    private ServerSentEvents() {
    }

    /** Reads events until the stream ends; an IOException means the connection was cut. */
    static void read(BufferedReader in, Consumer<Event> events) throws IOException {
        String id = null;
        String type = null;
        StringBuilder data = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.accept(new Event(id, type == null ? "message" : type, data.toString()));
                }
                id = null;
                type = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> type = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { } // retry and unknown fields: not used by the agent
            }
        }
    }
}
