package io.paycli.core.error;

import java.util.List;

/**
 * Several independent mistakes in one input (paycli.yaml, the merged values, the --set options), reported
 * together so that one run shows all of them: one line each, naming where and what.
 */
public final class InputErrors extends InvalidInputException {
    private final List<String> lines;

    private InputErrors(List<String> lines) {
        super(String.join("\n", lines));
        this.lines = List.copyOf(lines);
    }

    /** The exception for {@code lines}: a plain one for a single mistake. */
    public static InvalidInputException of(List<String> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("no errors to report");
        }
        return lines.size() == 1 ? new InvalidInputException(lines.get(0)) : new InputErrors(lines);
    }

    public List<String> lines() {
        return lines;
    }
}
