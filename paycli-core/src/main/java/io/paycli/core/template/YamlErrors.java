package io.paycli.core.template;

import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/** Turns the parser's multi-line messages into the one line paycli prints. */
final class YamlErrors {

    private YamlErrors() {
    }

    static String describe(String file, MarkedYamlEngineException e) {
        String line = e.getProblemMark().map(m -> " line " + (m.getLine() + 1)).orElse("");
        String problem = e.getProblem() == null ? e.getContext() : e.getProblem();
        return file + line + ": " + oneLine(problem);
    }

    static String oneLine(String text) {
        return text == null ? "unreadable" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
