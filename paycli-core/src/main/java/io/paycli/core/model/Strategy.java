package io.paycli.core.model;

/** How a release replaces the previous one. */
public enum Strategy {
    ROLLING("rolling"),
    BLUE_GREEN("blue-green");

    private final String id;

    Strategy(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Strategy fromId(String id) {
        for (Strategy s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException(id);
    }
}
