package io.paycli.agent.http;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The checks behind /readyz, registered by the parts that can be broken (database reachable, workers alive). A check
 * answers empty when fine, or one sentence saying what is wrong; a check that throws is failing with its message.
 */
public final class Readiness {
    private final Map<String, Supplier<Optional<String>>> checks = new ConcurrentHashMap<>();

    /** Registers (or replaces) the check called {@code name}. */
    public void register(String name, Supplier<Optional<String>> check) {
        checks.put(name, check);
    }

    /** The failing checks by name, each with what is wrong; empty when the agent is ready. */
    public Map<String, String> failing() {
        Map<String, String> failing = new TreeMap<>();
        checks.forEach((name, check) -> {
            try {
                check.get().ifPresent(problem -> failing.put(name, problem));
            } catch (RuntimeException e) {
                failing.put(name, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
        });
        return failing;
    }
}
