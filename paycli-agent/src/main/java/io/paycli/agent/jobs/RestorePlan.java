package io.paycli.agent.jobs;

import io.paycli.agent.auth.Client;
import io.paycli.agent.store.DeployedRelease;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the agent's deployed apps a client's restore puts back: those of the environment asked for (or of every
 * one) that its grants cover. The API checks it at submit (a client it covers nothing of is refused), and the job
 * works it out again when it runs, from the grants of that moment.
 *
 * @param covered what the restore puts back
 * @param refused what it leaves alone because no grant of the client covers it
 */
public record RestorePlan(List<DeployedRelease> covered, List<DeployedRelease> refused) {
    /** The row's env for a restore of every environment. */
    public static final String EVERY_ENV = "*";

    public RestorePlan {
        covered = List.copyOf(covered);
        refused = List.copyOf(refused);
    }

    /** @param env an environment, or {@link #EVERY_ENV} */
    public static RestorePlan of(List<DeployedRelease> deployed, Client client, String env) {
        List<DeployedRelease> covered = new ArrayList<>();
        List<DeployedRelease> refused = new ArrayList<>();
        for (DeployedRelease release : deployed) {
            if (!EVERY_ENV.equals(env) && !release.env().equals(env)) {
                continue;
            }
            (client.allows(release.app(), release.env()) ? covered : refused).add(release);
        }
        return new RestorePlan(covered, refused);
    }

    public boolean isEmpty() {
        return covered.isEmpty() && refused.isEmpty();
    }
}
