package io.paycli.agent.store;

import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.PaycliException;

/**
 * The agent's database cannot be reached or failed a statement: exit code 1, since neither the request nor the
 * cluster is at fault. The message names the database (without its password) or the operation, in one line.
 */
public class StoreException extends PaycliException {
    public StoreException(String message, Throwable cause) {
        super(ExitCodes.INTERNAL, message, cause);
    }
}
