package io.paycli.core.error;

/** Bad config, template, values, manifest, tag or bundle: exit code 3. */
public class InvalidInputException extends PaycliException {
    public InvalidInputException(String message) {
        super(ExitCodes.INVALID_INPUT, message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(ExitCodes.INVALID_INPUT, message, cause);
    }
}
