package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** field=value, field==value and field!=value terms on dotted paths such as involvedObject.name. */
final class FieldSelector {

    private record Term(String[] path, String value, boolean equal) {
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms;
    }

    static FieldSelector parse(String selector) {
        List<Term> terms = new ArrayList<>();
        if (selector != null) {
            for (String part : selector.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                boolean equal = !part.contains("!=");
                String[] kv = part.split(equal ? "==?" : "!=", 2);
                terms.add(new Term(kv[0].trim().split("\\."), kv.length > 1 ? kv[1].trim() : "", equal));
            }
        }
        return new FieldSelector(terms);
    }

    boolean matches(Map<String, Object> object) {
        for (Term term : terms) {
            String actual = Json.string(object, term.path());
            boolean same = term.value().equals(actual == null ? "" : actual);
            if (same != term.equal()) {
                return false;
            }
        }
        return true;
    }
}
