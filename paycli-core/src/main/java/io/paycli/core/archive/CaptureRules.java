package io.paycli.core.archive;

import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.PaycliException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code cluster capture} takes besides its defaults: the system namespaces whose workloads are captured too,
 * and {@code --include}/{@code --exclude} selectors. A selector is a kind ({@code NetworkPolicy}, case-insensitive),
 * a kind and a name glob ({@code ClusterRole/ingress-*}), or a namespace glob ({@code ns:team-*}, which matches the
 * Namespace objects of that name and every object in them). With includes, only objects that match one are taken;
 * an exclude always wins.
 */
public record CaptureRules(List<String> systemNamespaces, List<String> include, List<String> exclude) {
    private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    public CaptureRules {
        systemNamespaces = List.copyOf(systemNamespaces);
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        include.forEach(CaptureRules::check);
        exclude.forEach(CaptureRules::check);
    }

    public static CaptureRules defaults() {
        return new CaptureRules(List.of(), List.of(), List.of());
    }

    /** True when an object of this kind, namespace (null for cluster-scoped) and name is to be captured. */
    boolean takes(String kind, String namespace, String name) {
        if (exclude.stream().anyMatch(s -> matches(s, kind, namespace, name))) {
            return false;
        }
        return include.isEmpty() || include.stream().anyMatch(s -> matches(s, kind, namespace, name));
    }

    boolean isSystemNamespace(String namespace) {
        return namespace != null && systemNamespaces.contains(namespace);
    }

    private static void check(String selector) {
        String s = selector == null ? "" : selector.strip();
        boolean ok;
        if (s.startsWith("ns:")) {
            ok = s.length() > 3;
        } else {
            int slash = s.indexOf('/');
            String kind = slash < 0 ? s : s.substring(0, slash);
            ok = KIND.matcher(kind).matches() && (slash < 0 || slash < s.length() - 1);
        }
        if (!ok) {
            throw new PaycliException(ExitCodes.USAGE, "invalid selector '" + selector + "' in --include/--exclude:"
                    + " use KIND (NetworkPolicy), KIND/NAME-GLOB (ClusterRole/ingress-*) or ns:NAMESPACE-GLOB");
        }
    }

    private static boolean matches(String selector, String kind, String namespace, String name) {
        String s = selector.strip();
        if (s.startsWith("ns:")) {
            String glob = s.substring(3);
            return kind.equals("Namespace") ? glob(glob, name) : namespace != null && glob(glob, namespace);
        }
        int slash = s.indexOf('/');
        String k = slash < 0 ? s : s.substring(0, slash);
        if (!k.toLowerCase(Locale.ROOT).equals(kind.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return slash < 0 || glob(s.substring(slash + 1), name);
    }

    /** A shell-style glob: {@code *} any run of characters, {@code ?} one; nothing else is special. */
    static boolean glob(String glob, String text) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return text != null && text.matches(regex.toString());
    }
}
