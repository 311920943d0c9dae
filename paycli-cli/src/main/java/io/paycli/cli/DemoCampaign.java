package io.paycli.cli;

import io.paycli.core.deploy.DeployOptions;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.deploy.PreScaleResult;
import io.paycli.core.deploy.Status;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployRequest;
import io.paycli.sandbox.Sandbox;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The campaign part of {@code paycli demo}: the web example in its release environment, whose HPA (min 2, max 6)
 * is pre-scaled before a peak, kept by a deploy during the override, and reverted, through the same service calls
 * as {@code paycli scale}, {@code status} and {@code history}.
 */
final class DemoCampaign {
    static final int STEPS = 5;
    private static final String ENV = "release";
    private static final int MIN = 4;
    private static final int MAX = 8;
    /** The sandbox's HPA controller and rollout act within a second; this only bounds a broken run. */
    private static final Duration SCALE_WAIT = Duration.ofSeconds(30);

    private final DeployService service;
    private final DeployOptions options;
    private final Consumer<DeployEvent> events;
    private final PrintWriter out;
    private final Consumer<String> say;

    DemoCampaign(DeployService service, DeployOptions options, Consumer<DeployEvent> events, PrintWriter out,
                 Consumer<String> say) {
        this.service = service;
        this.options = options;
        this.events = events;
        this.out = out;
        this.say = say;
    }

    /** Steps {@code done + 1} to {@code done + STEPS} of {@code total}. */
    void run(int done, int total, Path web) throws InterruptedException {
        int step = done;
        say.accept("step " + ++step + " of " + total + ": deploy web 1.1.0 to " + ENV + ", the campaign's"
                + " environment:\n   it has an autoscaler (HPA, min 2 max 6) that adds pods as the load grows");
        out.println(DeployCommand.summary(service.deploy(request(web, "1.1.0"), options, events)));
        printStatus(web);

        say.accept("step " + ++step + " of " + total + ": paycli scale -f web -e " + ENV + " --min " + MIN + " --max "
                + MAX + " --until 2h --reason \"year-end campaign\":\n   an HPA reacts after the load has arrived, and"
                + " new pods need time to start; raising its minimum\n   before the peak gives the capacity in"
                + " advance (pre-scaling to 3 replicas took a campaign page\n   from 0.1% of requests failing to"
                + " none). The override is recorded on the HPA and expires by itself");
        PreScaleResult scaled = service.scale(request(web, null), MIN, MAX, Instant.now().plus(Duration.ofHours(2)),
                "year-end campaign", RolloutOptions.user(), events);
        out.println(line(scaled));
        awaitReady(web, MIN);
        printStatus(web);

        say.accept("step " + ++step + " of " + total + ": deploy web 1.2.0 to " + ENV + " during the campaign:"
                + " the deploy keeps the override\n   (min " + MIN + " max " + MAX + ") instead of resetting the HPA"
                + " to the template's min 2 max 6, and says so");
        out.println(DeployCommand.summary(service.deploy(request(web, "1.2.0"), options, events)));
        printStatus(web);

        say.accept("step " + ++step + " of " + total + ": paycli scale -f web -e " + ENV + " --revert: the campaign"
                + " is over; the template's bounds apply again\n   (without it, paycli reconcile or the next deploy"
                + " reverts the override once --until has passed;\n   the pods stay until the HPA scales"
                + " them down as the load allows)");
        out.println(line(service.revertScale(request(web, null), RolloutOptions.user(), events)));
        printStatus(web);

        say.accept("step " + ++step + " of " + total + ": paycli history -f web -e " + ENV + ": the scale and the"
                + " revert are entries of their own, next to the deploys");
        HistoryCommand.print(out, service.history(request(web, null)));
    }

    private static String line(PreScaleResult result) {
        return result.message() + (result.entry() == null ? "" : " (revision " + result.entry().revision() + ")");
    }

    /** What paycli status prints, the override line included. */
    private void printStatus(Path web) {
        StatusCommand.print(out, service.status(request(web, null)));
        service.preScale(request(web, null)).ifPresent(o -> out.println(StatusCommand.describe(o)));
    }

    /** Waits until the HPA has raised the Deployment to {@code replicas} and they are ready. */
    private void awaitReady(Path web, int replicas) throws InterruptedException {
        Instant end = Instant.now().plus(SCALE_WAIT);
        while (Instant.now().isBefore(end)) {
            Status status = service.status(request(web, null));
            if (status.objects().stream().anyMatch(o -> o.ref().kind().equals("Deployment") && o.ready()
                    && o.state().startsWith(replicas + "/" + replicas + " ready"))) {
                return;
            }
            Thread.sleep(200);
        }
        out.println("the Deployment has not reached " + replicas + " ready replicas within " + SCALE_WAIT.toSeconds()
                + " s; the status below shows where it is");
    }

    private static DeployRequest request(Path web, String tag) {
        return new DeployRequest(web, ENV, tag, List.of(), Sandbox.DEFAULT_CONTEXT, null);
    }
}
