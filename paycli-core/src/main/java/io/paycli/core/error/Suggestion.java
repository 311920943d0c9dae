package io.paycli.core.error;

import java.util.Collection;
import java.util.Optional;

/** Finds the closest valid name to a misspelt one, so errors can say "did you mean ...?". */
public final class Suggestion {

    private Suggestion() {
    }

    /**
     * The candidate closest to {@code input} by edit distance, if it is close enough to be a
     * plausible typo or the one is a prefix of the other. Ties go to the alphabetically first.
     */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates.stream().sorted().toList()) {
            int distance = distance(input, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best == null || bestDistance == 0) {
            return Optional.ofNullable(best);
        }
        boolean typo = bestDistance <= Math.max(2, input.length() / 3);
        boolean prefix = best.startsWith(input) || input.startsWith(best);
        return typo || prefix ? Optional.of(best) : Optional.empty();
    }

    /** " (did you mean 'x'?)" or the empty string, ready to append to a message. */
    public static String hint(String input, Collection<String> candidates) {
        return closest(input, candidates).map(n -> " (did you mean '" + n + "'?)").orElse("");
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
