package io.paycli.core.error;

/** A write into a namespace that does not exist (the server's 404 for it): invalid input, exit 3. */
public final class MissingNamespaceException extends InvalidInputException {
    private final String namespace;

    public MissingNamespaceException(String namespace, String message, Throwable cause) {
        super(message, cause);
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }
}
