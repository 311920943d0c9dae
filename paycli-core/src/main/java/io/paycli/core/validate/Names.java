package io.paycli.core.validate;

import java.util.regex.Pattern;

/** Kubernetes name syntax. */
public final class Names {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private Names() {
    }

    public static boolean isDns1123Label(String s) {
        return s != null && s.length() <= 63 && LABEL.matcher(s).matches();
    }

    public static boolean isLabelValue(String s) {
        return s != null && s.length() <= 63 && LABEL_VALUE.matcher(s).matches();
    }
}
