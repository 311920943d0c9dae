package io.paycli.agent.auth;

/** {@code *} and {@code ?} wildcards over whole names, for {@link Grant}. No regex: a name can't make it slow. */
final class Glob {
    private Glob() {
    }

    static boolean matches(String glob, String name) {
        int g = 0;
        int n = 0;
        int star = -1;      // where in the glob the last * was
        int starName = 0;   // where in the name that * began to match
        while (n < name.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == name.charAt(n))
                    && glob.charAt(g) != '*') {
                g++;
                n++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                starName = n;
            } else if (star >= 0) {
                // Let the last * take one more character and try the rest again.
                g = star + 1;
                n = ++starName;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
