package io.paycli.agent.client;

import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.PaycliException;

/** The agent refused the request (401, 403): exit 4, with the agent's reason, so CI's log says why. */
public final class AgentRefusedException extends PaycliException {
    public AgentRefusedException(String message) {
        super(ExitCodes.CLUSTER, message);
    }
}
