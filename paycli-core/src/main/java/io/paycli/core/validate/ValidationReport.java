package io.paycli.core.validate;

import io.paycli.core.error.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;

/** Everything validation found, in the order of the manifests. */
public record ValidationReport(List<Finding> findings) {

    public ValidationReport {
        findings = List.copyOf(findings);
    }

    public List<Finding> errors() {
        return findings.stream().filter(Finding::isError).toList();
    }

    public List<Finding> warnings() {
        return findings.stream().filter(f -> !f.isError()).toList();
    }

    public boolean isValid() {
        return findings.stream().noneMatch(Finding::isError);
    }

    /** Throws with every error listed, one per line, so a failed deploy says exactly what to fix. */
    public ValidationReport requireValid() {
        List<Finding> errors = errors();
        if (!errors.isEmpty()) {
            String lines = errors.stream().map(Finding::describe).collect(Collectors.joining("\n  "));
            throw new InvalidInputException(
                    "manifests are invalid (" + errors.size() + (errors.size() == 1 ? " error" : " errors") + "):\n  "
                            + lines);
        }
        return this;
    }
}
