package io.paycli.core.render;

import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Decides which strings must be quoted when writing manifests. kubectl and most Kubernetes tools
 * read YAML 1.1, where {@code yes}, {@code on}, {@code 0755} and {@code 1:20} are not strings, so a
 * string that any 1.1 or 1.2 reader would take for a bool, number or null is quoted. Most scalars
 * cannot look like one, and a check of the first character settles them without a regex: the
 * stock resolvers run every pattern on every scalar, which made writing YAML the slowest part of
 * a render.
 */
final class QuotingSchema extends CoreSchema {
    private static final Pattern BOOL = Pattern.compile(
            "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern INT = Pattern.compile(
            "[-+]?(0b[0-1_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|0|[1-9][0-9_]*|[1-9][0-9_]*(:[0-5]?[0-9])+)");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    private static final ScalarResolver RESOLVER = QuotingSchema::resolve;

    @Override
    public ScalarResolver getScalarResolver() {
        return RESOLVER;
    }

    static Tag resolve(String value, Boolean implicit) {
        if (!Boolean.TRUE.equals(implicit)) {
            return Tag.STR;
        }
        if (value.isEmpty()) {
            return Tag.NULL;
        }
        char c = value.charAt(0);
        boolean maybeNumber = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
        boolean maybeWord = "yYnNtTfFoO~".indexOf(c) >= 0;
        if (!maybeNumber && !maybeWord) {
            return Tag.STR;
        }
        if (maybeWord) {
            if (BOOL.matcher(value).matches()) {
                return Tag.BOOL;
            }
            return NULL.matcher(value).matches() ? Tag.NULL : Tag.STR;
        }
        if (INT.matcher(value).matches()) {
            return Tag.INT;
        }
        return FLOAT.matcher(value).matches() ? Tag.FLOAT : Tag.STR;
    }
}
