package io.paycli.cli;

import io.paycli.core.deploy.DeployOptions;
import io.paycli.core.deploy.DeployResult;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployRequest;
import io.paycli.core.model.Release;
import io.paycli.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/**
 * The blue-green part of {@code paycli demo}: the web example's beta environment, which serves 1.1.0 with a rolling
 * Deployment, becomes blue-green in the demo's copy of the example; the next version waits on preview, is promoted,
 * and is switched back inside the window, through the same service calls as {@code paycli deploy}, {@code promote},
 * {@code rollback}, {@code status} and {@code history}. Status reads which colour serves off the Service's selector.
 */
final class DemoBlueGreen {
    static final int STEPS = 5;
    private static final String ENV = "beta";
    /** What the demo adds to the environment; the example's own file is rolling. */
    static final String CONFIG = "strategy: blue-green\nblueGreen: {autoPromote: false, scaleDownDelay: 10m}";
    private static final String ANCHOR = "    namespace: promotion-beta\n";

    private final DeployService service;
    private final DeployOptions options;
    private final Consumer<DeployEvent> events;
    private final PrintWriter out;
    private final Consumer<String> say;

    DemoBlueGreen(DeployService service, DeployOptions options, Consumer<DeployEvent> events, PrintWriter out,
                  Consumer<String> say) {
        this.service = service;
        this.options = options;
        this.events = events;
        this.out = out;
        this.say = say;
    }

    /** Steps {@code done + 1} to {@code done + STEPS} of {@code total}; {@code tag} is the version that serves. */
    void run(int done, int total, Path web, String tag) throws IOException {
        int step = done;
        makeBlueGreen(web.resolve("paycli.yaml"));
        say.accept("step " + ++step + " of " + total + ": web's " + ENV + " environment becomes blue-green: the"
                + " demo's copy of web/paycli.yaml gets\n" + CONFIG.indent(5).stripTrailing() + "\n   and " + tag
                + ", the tag in place, is deployed again. campaign-web-blue comes up at the rolling\n   Deployment's"
                + " ready count, one selector patch moves the Service to blue, the rolling Deployment\n   is deleted."
                + " In status, 'live' is the colour the Service campaign-web selects");
        DeployResult blue = service.deploy(request(web, tag), options, events);
        out.println(DeployCommand.summary(blue));
        out.println(blue.release().message());
        out.println(record(blue.release()));
        printStatus(web);

        say.accept("step " + ++step + " of " + total + ": deploy web 2.0.0 to " + ENV + ": it goes to the idle"
                + " colour, green, and ends\n   ready on campaign-web-preview; with autoPromote: false the traffic"
                + " stays on blue\n   until paycli promote");
        DeployResult preview = service.deploy(request(web, "2.0.0"), options, events);
        out.println(DeployCommand.summary(preview));
        out.println(preview.release().message());
        out.println(record(preview.release()));
        printStatus(web);

        say.accept("step " + ++step + " of " + total + ": paycli promote -f web -e " + ENV + ": ONE patch of the"
                + " Service campaign-web's selector\n   moves the traffic to green; blue keeps its pods for"
                + " scaleDownDelay (10m),\n   so that a rollback can switch straight back");
        DeployResult promoted = service.promote(request(web, null), options, events);
        out.println(PromoteCommand.summary(promoted.release()));
        out.println(record(promoted.release()));
        printStatus(web);

        say.accept("step " + ++step + " of " + total + ": paycli rollback -f web -e " + ENV + " inside the window:"
                + " ONE patch of the selector\n   switches back to blue, whose pods never left: no rollout, no pod"
                + " started");
        DeployResult back = service.rollback(request(web, null), null, options, events);
        Release r = back.release();
        out.println(DeployCommand.outcome(r, "put back in") + " in " + String.format("%.1fs", r.durationMillis()
                / 1000.0) + ": " + r.message());
        out.println(record(r));
        printStatus(web);

        say.accept("step " + ++step + " of " + total + ": paycli history -f web -e " + ENV + ": the preview, the"
                + " promotion and the switch-back are revisions of their own");
        HistoryCommand.print(out, service.history(request(web, null)));
    }

    /** Adds the blue-green keys to the environment, as a user would edit the file. */
    private static void makeBlueGreen(Path config) throws IOException {
        String yaml = Files.readString(config);
        if (!yaml.contains(ANCHOR)) {
            throw new IllegalStateException(config + " has no line '" + ANCHOR.strip() + "' to add blue-green to");
        }
        Files.writeString(config, yaml.replace(ANCHOR, ANCHOR + CONFIG.indent(4)));
    }

    /** What the record says of the colours: "release record: blue live; green runs 2.0.0 (revision 5), preview". */
    static String record(Release r) {
        BlueGreenState s = r.blueGreen();
        return "release record: " + s.live().id() + " live; " + s.idle().id() + " runs "
                + (s.idleTag() == null ? "nothing yet" : s.idleTag() + " (revision " + s.idleRevision() + ")") + ", "
                + s.phase().name().toLowerCase().replace('_', ' ')
                + (s.idleWindowEnd() == null ? ""
                        : ", kept until " + s.idleWindowEnd().truncatedTo(ChronoUnit.SECONDS));
    }

    private void printStatus(Path web) {
        StatusCommand.print(out, service.status(request(web, null)));
    }

    private static DeployRequest request(Path web, String tag) {
        return new DeployRequest(web, ENV, tag, List.of(), Sandbox.DEFAULT_CONTEXT, null);
    }
}
