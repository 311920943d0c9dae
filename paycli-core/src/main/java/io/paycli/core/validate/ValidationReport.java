package io.paycli.core.validate;

import io.paycli.core.error.InvalidInputException;
import java.util.List;

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
            // One line: the first error, and how many more `paycli validate` would list.
            int more = errors.size() - 1;
            throw new InvalidInputException("invalid manifest: " + errors.get(0).describe()
                    + (more > 0 ? " (and " + more + " more; paycli validate lists them all)" : ""));
        }
        return this;
    }
}
