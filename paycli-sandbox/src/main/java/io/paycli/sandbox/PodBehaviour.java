package io.paycli.sandbox;

import java.util.Map;

/**
 * What the simulated kubelet does with a pod template, chosen by the tag of its containers' images:
 * <ul>
 * <li>a tag containing {@code fail} and {@code pull} ({@code 2.0-fail-pull}): the image cannot be pulled;
 * ErrImagePull, then ImagePullBackOff; never ready;</li>
 * <li>any other tag containing {@code fail} ({@code fail}, {@code fail-crash}): the container crashes at start;
 * CrashLoopBackOff with a restart count that grows with a doubling back-off; never ready;</li>
 * <li>a tag containing {@code slow-restart} or {@code flaky}: the container starts slowly, crashes once, is
 * restarted and then becomes ready;</li>
 * <li>any other tag: the container starts and becomes ready after one step.</li>
 * </ul>
 */
enum PodBehaviour {
    READY, CRASH, PULL, SLOW_RESTART;

    static PodBehaviour of(Map<String, Object> template) {
        PodBehaviour behaviour = READY;
        for (Object c : Json.list(template, "spec", "containers")) {
            String tag = tag(String.valueOf(((Map<?, ?>) c).get("image")));
            if (tag.contains("fail")) {
                return tag.contains("pull") ? PULL : CRASH;
            }
            if (tag.contains("slow-restart") || tag.contains("flaky")) {
                behaviour = SLOW_RESTART;
            }
        }
        return behaviour;
    }

    /** Whether pods of this behaviour never become ready. */
    boolean failing() {
        return this == CRASH || this == PULL;
    }

    private static String tag(String image) {
        int colon = image.lastIndexOf(':');
        return colon >= 0 && !image.substring(colon).contains("/") ? image.substring(colon + 1) : "latest";
    }
}
