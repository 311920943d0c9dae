package io.paycli.core.archive;

/** A Secret a capture saw: never its values, only where it is, its name and its type. */
public record SecretEntry(String namespace, String name, String type) {
    @Override
    public String toString() {
        return "Secret " + namespace + "/" + name + (type == null ? "" : " (" + type + ")");
    }
}
