package io.paycli.core.model;

/** The two colours of a blue-green app, as their objects name them. */
public enum Colour {
    BLUE, GREEN;

    public String id() {
        return name().toLowerCase();
    }

    public Colour other() {
        return this == BLUE ? GREEN : BLUE;
    }

    public static Colour fromId(String id) {
        return valueOf(id.toUpperCase());
    }
}
