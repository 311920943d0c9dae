package io.paycli.core.validate;

import java.util.regex.Pattern;

/**
 * The Kubernetes name syntaxes. Public because config loading checks the app name with the same
 * rules the API server will later apply to the objects named after it.
 */
public final class Names {

    public static final int LABEL_MAX = 63;
    public static final int SUBDOMAIN_MAX = 253;
    public static final int LABEL_VALUE_MAX = 63;
    public static final int CONFIG_KEY_MAX = 253;

    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern QUALIFIED_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private Names() {
    }

    /** Namespace names, container names, port names: at most 63 of {@code a-z 0-9 -}. */
    public static boolean isDns1123Label(String s) {
        return s != null && s.length() <= LABEL_MAX && DNS1123_LABEL.matcher(s).matches();
    }

    /** Most object names: dot-separated DNS-1123 labels, at most 253 characters. */
    public static boolean isDns1123Subdomain(String s) {
        return s != null && s.length() <= SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.matcher(s).matches();
    }

    /** Service names: a DNS-1123 label that also starts with a letter. */
    public static boolean isDns1035Label(String s) {
        return s != null && s.length() <= LABEL_MAX && DNS1035_LABEL.matcher(s).matches();
    }

    /** Label values may be empty; otherwise alphanumeric at both ends with {@code -_.} inside. */
    public static boolean isLabelValue(String s) {
        return s != null && s.length() <= LABEL_VALUE_MAX
                && (s.isEmpty() || QUALIFIED_PART.matcher(s).matches());
    }

    /** Label and annotation keys: an optional DNS subdomain prefix and '/', then a name of at most 63. */
    public static boolean isQualifiedName(String s) {
        if (s == null) {
            return false;
        }
        int slash = s.indexOf('/');
        String name = slash < 0 ? s : s.substring(slash + 1);
        if (slash >= 0 && !isDns1123Subdomain(s.substring(0, slash))) {
            return false;
        }
        return !name.isEmpty() && name.length() <= LABEL_MAX && QUALIFIED_PART.matcher(name).matches();
    }

    /** ConfigMap and Secret data keys, which become file names when mounted. */
    public static boolean isConfigMapKey(String s) {
        return s != null && s.length() <= CONFIG_KEY_MAX && CONFIG_KEY.matcher(s).matches()
                && !s.equals(".") && !s.startsWith("..");
    }

    /** RBAC object names may hold ':' (e.g. {@code system:metrics}); the server only forbids path tricks. */
    public static boolean isPathSegmentName(String s) {
        return s != null && !s.isEmpty() && !s.equals(".") && !s.equals("..")
                && s.indexOf('/') < 0 && s.indexOf('%') < 0;
    }
}
