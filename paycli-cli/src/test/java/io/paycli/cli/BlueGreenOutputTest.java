package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.deploy.History;
import io.paycli.core.deploy.Status;
import io.paycli.core.deploy.Target;
import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.BlueGreenState.Phase;
import io.paycli.core.model.Colour;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What status, history, promote and abort print for a blue-green app, from constructed records and states. */
class BlueGreenOutputTest {
    private static final Target TARGET = new Target("campaign-web", "release", "promotion", "prod-tw");
    private static final String STARTED = "2026-12-01T19:40:00Z";
    private static final Instant WINDOW_END = Instant.parse("2026-12-01T19:50:00.400Z");
    private static final List<Status.ObjectState> OBJECTS = List.of(new Status.ObjectState(
            new ObjectRef("v1", "Service", "promotion", "campaign-web"), true, true, "selects green"));

    private static Release release(int revision, String tag, String message, BlueGreenState state) {
        return new Release("campaign-web", "release", "promotion", revision, tag,
                "registry.example.com/pay/campaign-web:" + tag, "web", "1.4.0", "0123abc", "cafe42", "alice",
                Instant.parse("2026-12-01T19:40:00.123Z"), 412L, Release.Result.SUCCEEDED, message, "", state);
    }

    private static Release promoted() {
        return release(5, "1.3.0", "promoted green (1.3.0)",
                new BlueGreenState(Colour.GREEN, Colour.BLUE, "1.2.0", 4, WINDOW_END, Phase.PROMOTED));
    }

    private static Status.ColourState colour(Colour c, boolean live, String tag, Integer revision, int ready,
                                             int replicas, Instant scaleDownAt) {
        return new Status.ColourState(c, "campaign-web-" + c.id(), live, tag, revision, true, ready, replicas,
                scaleDownAt);
    }

    private static Status afterPromotion() {
        return new Status(TARGET, promoted(), promoted(), OBJECTS, null, List.of(
                colour(Colour.BLUE, false, "1.2.0", 4, 3, 3, WINDOW_END),
                colour(Colour.GREEN, true, "1.3.0", 5, 3, 3, null)));
    }

    private static List<String> text(Consumer<PrintWriter> print) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            print.accept(out);
        }
        return text.toString().lines().toList();
    }

    private static List<String> colourLines(List<String> lines) {
        return lines.subList(lines.indexOf("colours:"), lines.size());
    }

    @Test
    void statusShowsBothColoursWhichIsLiveAndWhenTheOtherIsScaledToZero() {
        List<String> lines = text(out -> StatusCommand.print(out, afterPromotion(),
                Instant.parse("2026-12-01T19:45:00Z")));

        assertThat(lines.get(0)).startsWith("campaign-web (release) in promotion: revision 5, 1.3.0,");
        assertThat(colourLines(lines)).containsExactly("colours:",
                "  blue   Deployment campaign-web-blue   1.2.0, revision 4  3/3 ready  scaled to 0 at"
                        + " 2026-12-01T19:50:00Z; until then 'paycli rollback' switches back to it",
                "  green  Deployment campaign-web-green  1.3.0, revision 5  3/3 ready  live");
    }

    @Test
    void statusSaysWhenAWindowHasEndedAndReconcileIsDue() {
        List<String> lines = text(out -> StatusCommand.print(out, afterPromotion(),
                Instant.parse("2026-12-01T19:51:00Z")));

        assertThat(colourLines(lines).get(1)).endsWith("3/3 ready  window ended at 2026-12-01T19:50:00Z: the next"
                + " 'paycli reconcile' or deploy scales it to 0");
    }

    @Test
    void statusPointsAtPromoteAndAbortWhileAColourIsOnPreview() {
        Release preview = release(6, "1.4.0", "deployed 1.4.0 to blue; on preview",
                new BlueGreenState(Colour.GREEN, Colour.BLUE, "1.4.0", 6, null, Phase.PREVIEW));
        Status status = new Status(TARGET, preview, preview, OBJECTS, null, List.of(
                colour(Colour.BLUE, false, "1.4.0", 6, 2, 3, null),
                colour(Colour.GREEN, true, "1.3.0", 5, 3, 3, null)));

        assertThat(colourLines(text(out -> StatusCommand.print(out, status, WINDOW_END)))).containsExactly("colours:",
                "  blue   Deployment campaign-web-blue   1.4.0, revision 6  2/3 ready  on preview: 'paycli promote'"
                        + " switches to it, 'paycli abort' drops it",
                "  green  Deployment campaign-web-green  1.3.0, revision 5  3/3 ready  live");
    }

    @Test
    void statusShowsAColourScaledToZeroWithoutItsWindowAndOneThatIsNotThere() {
        Status status = new Status(TARGET, promoted(), promoted(), OBJECTS, null, List.of(
                colour(Colour.BLUE, false, "1.2.0", null, 0, 0, Instant.parse("2026-12-01T19:40:00Z")),
                new Status.ColourState(Colour.GREEN, "campaign-web-green", true, null, null, false, 0, 0, null)));

        assertThat(colourLines(text(out -> StatusCommand.print(out, status, WINDOW_END)))).containsExactly("colours:",
                "  blue   Deployment campaign-web-blue   1.2.0  scaled to 0",
                "  green  Deployment campaign-web-green         not there    live");
    }

    @Test
    void aRollingStatusHasNoColours() {
        Release rolling = release(3, "1.1.0", "healthy", null);
        Status status = new Status(TARGET, rolling, rolling, OBJECTS, null);

        assertThat(text(out -> StatusCommand.print(out, status, WINDOW_END))).noneMatch(l -> l.contains("colour"));
        assertThat(StatusCommand.json(status).get("colours")).isEqualTo(List.of());
    }

    @Test
    void statusJsonHasTheColoursAndTheReleasesBlueGreenPart() {
        OutputOptions output = new OutputOptions();
        output.format = OutputOptions.Format.json;
        JsonNode json = JsonMapper.shared().readTree(output.write(StatusCommand.json(afterPromotion())));

        assertThat(json.get("colours")).hasSize(2);
        assertThat(json.get("colours").get(0).toString()).isEqualTo("{\"colour\":\"blue\",\"deployment\":"
                + "\"campaign-web-blue\",\"live\":false,\"tag\":\"1.2.0\",\"revision\":4,\"exists\":true,\"ready\":3,"
                + "\"replicas\":3,\"scaleDownAt\":\"2026-12-01T19:50:00.400Z\"}");
        assertThat(json.get("colours").get(1).toString()).isEqualTo("{\"colour\":\"green\",\"deployment\":"
                + "\"campaign-web-green\",\"live\":true,\"tag\":\"1.3.0\",\"revision\":5,\"exists\":true,\"ready\":3,"
                + "\"replicas\":3,\"scaleDownAt\":null}");
        assertThat(json.get("current").get("blueGreen").get("live").asString()).isEqualTo("green");
        assertThat(json.get("current").get("blueGreen").get("phase").asString()).isEqualTo("promoted");
        assertThat(json.get("current").get("blueGreen").get("idleWindowEnd").asString())
                .isEqualTo("2026-12-01T19:50:00.400Z");
    }

    @Test
    void historyOfABlueGreenAppShowsThePhaseAndTheLiveColourOfEachRevision() {
        Release switchedBack = release(6, "1.2.0", "switched back to blue (1.2.0)",
                new BlueGreenState(Colour.BLUE, Colour.GREEN, "1.3.0", 5, WINDOW_END, Phase.SWITCHED_BACK));
        Release aborted = release(7, "1.2.0", "aborted green (1.4.0)",
                new BlueGreenState(Colour.BLUE, Colour.GREEN, "1.4.0", 7, null, Phase.ABORTED));
        Release rolling = release(3, "1.1.0", "healthy", null);
        List<String> lines = text(out -> HistoryCommand.print(out,
                new History(TARGET, List.of(aborted, switchedBack, promoted(), rolling))));

        assertThat(lines.get(0).split("\\s+")).containsExactly("REVISION", "TAG", "RESULT", "PHASE", "LIVE",
                "STARTED", "USER", "MESSAGE");
        assertThat(lines.subList(1, lines.size())).extracting(l -> List.of(l.split("\\s{2,}"))).containsExactly(
                List.of("7", "1.2.0", "succeeded", "aborted", "blue", STARTED, "alice", "aborted green (1.4.0)"),
                List.of("6", "1.2.0", "succeeded", "switched back", "blue", STARTED, "alice",
                        "switched back to blue (1.2.0)"),
                List.of("5", "1.3.0", "succeeded", "promoted", "green", STARTED, "alice", "promoted green (1.3.0)"),
                List.of("3", "1.1.0", "succeeded", "-", "-", STARTED, "alice", "healthy"));
        assertThat(lines.get(0).indexOf("PHASE")).isEqualTo(lines.get(2).indexOf("switched back"));
        assertThat(ReleaseJson.of(switchedBack).get("blueGreen")).asString().contains("phase=switched_back");
    }

    @Test
    void historyOfARollingAppKeepsItsColumns() {
        List<String> lines = text(out -> HistoryCommand.print(out,
                new History(TARGET, List.of(release(3, "1.1.0", "healthy", null)))));

        assertThat(lines.get(0)).isEqualTo(String.format("%-9s %-20s %-12s %-22s %-12s %s", "REVISION", "TAG",
                "RESULT", "STARTED", "USER", "MESSAGE"));
        assertThat(lines.get(1)).doesNotContain(" - ");
    }

    @Test
    void promoteSaysWhatItSwitchedToAndUntilWhenRollbackSwitchesBack() {
        assertThat(PromoteCommand.summary(promoted()).lines()).containsExactly(
                "campaign-web 1.3.0 promoted in release (promotion) as revision 5 in 0.4s: promoted green (1.3.0)",
                "blue (1.2.0) stays up until 2026-12-01T19:50:00Z: until then 'paycli rollback' switches back to it"
                        + " with one patch");
    }

    @Test
    void abortSaysWhatItDroppedAndWhereTrafficStays() {
        Release aborted = release(6, "1.3.0", "aborted blue (1.4.0)",
                new BlueGreenState(Colour.GREEN, Colour.BLUE, "1.4.0", 6, null, Phase.ABORTED));

        assertThat(AbortCommand.summary(aborted)).isEqualTo("campaign-web (release) in promotion: aborted blue (1.4.0)"
                + " as revision 6 in 0.4s; traffic stays on green");
    }
}
