package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * paycli demo in-process, run once: from a directory without examples/ (the tests run in paycli-cli/), as
 * bin/paycli would run it, and compared with what the real commands print for the same releases.
 */
class DemoCommandTest {
    private static Cli.Result demo;

    @BeforeAll
    static void runTheDemo() {
        System.setProperty(ProgramName.PROPERTY, "bin/paycli");
        try {
            demo = Cli.run("demo");
        } finally {
            System.clearProperty(ProgramName.PROPERTY);
        }
    }

    @AfterAll
    static void forget() {
        demo = null;
    }

    /** The lines of the section whose header starts with {@code header}, up to the next header. */
    static List<String> section(String out, String header) {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String line : out.lines().toList()) {
            if (line.startsWith("== ")) {
                in = line.startsWith(header);
            } else if (in && !line.isBlank()) {
                lines.add(line);
            }
        }
        assertThat(lines).as("section " + header + " in\n" + out).isNotEmpty();
        return lines;
    }

    /** Output with what differs from run to run (times, pod names, restart counts) masked. */
    static List<String> masked(List<String> lines) {
        return lines.stream().map(l -> l.replaceAll("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z", "<time>")
                .replaceAll("campaign-web-[a-z0-9]{10}-[a-z0-9]{5}", "<pod>")
                .replaceAll("after \\d+ restarts", "after <n> restarts")).toList();
    }

    @Test
    void runsAwayFromTheRepositoryAndEndsWithExitZero() {
        assertThat(Path.of("examples")).doesNotExist();
        assertThat(demo.exit()).as(demo.toString()).isZero();
        assertThat(demo.out()).contains("deployed to beta", "rolled back to revision 2",
                "one bad release rolled back automatically");
    }

    @Test
    void statusAndHistoryAreWhatTheCommandsPrint(@TempDir Path tmp) {
        List<String> real = new ArrayList<>();
        try (Sandbox sandbox = Sandbox.start(0)) {
            Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"), Sandbox.DEFAULT_CONTEXT);
            String[] target = {"-f", Examples.dir("web").toString(), "-e", "beta", "--kubeconfig",
                kubeconfig.toString(), "--context", Sandbox.DEFAULT_CONTEXT};
            for (String tag : new String[] {"1.0.0", "1.1.0", "1.2.0-fail"}) {
                Cli.Result deploy = Cli.run(concat(new String[] {"deploy", "-t", tag, "--create-namespace"}, target));
                assertThat(deploy.exit()).as(deploy.toString()).isEqualTo(tag.contains("fail") ? 5 : 0);
            }
            Cli.Result status = Cli.run(concat(new String[] {"status"}, target));
            assertThat(status.exit()).as(status.toString()).isZero();
            Cli.Result history = Cli.run(concat(new String[] {"history"}, target));
            real.add(status.out());
            real.add(history.out());
        }

        assertThat(masked(section(demo.out(), "== paycli status")))
                .containsExactlyElementsOf(masked(real.get(0).lines().toList()));
        assertThat(masked(section(demo.out(), "== paycli history")))
                .containsExactlyElementsOf(masked(real.get(1).lines().toList()));
    }

    @Test
    void everyStepHeaderCountsToTheSameTotal() {
        List<String> headers = demo.out().lines().filter(l -> l.startsWith("== step ")).toList();
        assertThat(headers).hasSize(DemoCommand.STEPS);
        for (int i = 0; i < headers.size(); i++) {
            assertThat(headers.get(i)).startsWith("== step " + (i + 1) + " of " + DemoCommand.STEPS + ": ");
        }
    }

    @Test
    void theCampaignIsPreScaledKeptByADeployDuringItAndReverted() {
        int first = DemoCommand.STEPS - DemoRestore.STEPS - DemoCampaign.STEPS + 1;
        List<String> release = body("== step " + first + " of ");
        assertThat(release).contains("  HorizontalPodAutoscaler promotion/campaign-web      2 replicas (min 2, max 6)");

        List<String> scaled = body("== step " + (first + 1) + " of ");
        assertThat(scaled.get(0)).startsWith("pre-scaled HPA campaign-web to min 4 max 8 until ")
                .contains(": year-end campaign (revision 2)");
        assertThat(scaled).contains("  Deployment promotion/campaign-web                   4/4 ready, 4 up to date",
                "  HorizontalPodAutoscaler promotion/campaign-web      4 replicas (min 4, max 8)");
        assertThat(scaled).anyMatch(l -> l.startsWith("pre-scale override on HPA campaign-web: min 4 max 8 until ")
                && l.endsWith("; before: min 2 max 6"));

        List<String> kept = body("== step " + (first + 2) + " of ");
        assertThat(kept.get(0)).startsWith("campaign-web 1.2.0 deployed to release (promotion) as revision 3");
        // The bounds are kept; the count is the autoscaler's, and counts surge pods while the rollout ends.
        assertThat(kept).anyMatch(l -> l.startsWith("  HorizontalPodAutoscaler promotion/campaign-web")
                && l.endsWith("replicas (min 4, max 8)"))
                .anyMatch(l -> l.startsWith("pre-scale override on HPA campaign-web: min 4 max 8"));
        assertThat(demo.err()).contains("HPA campaign-web keeps the pre-scale override min 4 max 8");

        List<String> reverted = body("== step " + (first + 3) + " of ");
        assertThat(reverted.get(0)).startsWith("reverted the pre-scale of HPA campaign-web (min 4 max 8")
                .endsWith("the template's min 2 max 6 apply (revision 4)");
        assertThat(reverted).anyMatch(l -> l.startsWith("  HorizontalPodAutoscaler promotion/campaign-web")
                && l.endsWith("(min 2, max 6)")).noneMatch(l -> l.startsWith("pre-scale override"));

        List<String> history = body("== step " + (first + 4) + " of ");
        assertThat(history.subList(1, history.size())).hasSize(4);
        assertThat(history.get(1)).contains("reverted the pre-scale of HPA campaign-web");
        assertThat(history.get(2)).contains("deployed 1.2.0");
        assertThat(history.get(3)).contains("pre-scaled HPA campaign-web to min 4 max 8");
        assertThat(history.get(4)).contains("deployed 1.1.0");
    }

    /** A step's section without its header's continuation lines (indented by three spaces). */
    private static List<String> body(String header) {
        return body(demo.out(), header);
    }

    static List<String> body(String out, String header) {
        return section(out, header).stream().filter(l -> !l.startsWith("   ")).toList();
    }

    @Test
    void webGoesBlueGreenWaitsOnPreviewIsPromotedAndSwitchedBack() {
        assertBlueGreen(demo.out());
    }

    /**
     * The blue-green steps as the demo prints them. Which colour is live comes from status, which reads it off the
     * Service campaign-web's selector in the sandbox; the release record says the same.
     */
    static void assertBlueGreen(String out) {
        int first = DemoCommand.STEPS - DemoRestore.STEPS - DemoCampaign.STEPS - DemoBlueGreen.STEPS + 1;
        String of = " of " + DemoCommand.STEPS + ": ";

        List<String> switched = body(out, "== step " + first + of + "web's beta environment becomes blue-green");
        assertThat(switched.get(0)).startsWith("campaign-web 1.1.0 deployed to beta (promotion-beta) as revision 4")
                .contains("; pruned 1; blue serves it; the Service campaign-web switched from the rolling Deployment");
        assertThat(switched).contains("release record: blue live; green runs nothing yet, promoted")
                .noneMatch(l -> l.startsWith("  Deployment promotion-beta/campaign-web "));
        assertColours(switched, "1.1.0, revision 4  1/1 ready  live", "not there");

        List<String> preview = body(out, "== step " + (first + 1) + of + "deploy web 2.0.0 to beta");
        assertThat(preview.get(0)).startsWith("campaign-web 2.0.0 deployed to beta (promotion-beta) as revision 5")
                .endsWith("; green runs it, ready on campaign-web-preview; traffic stays on blue until paycli promote");
        assertThat(preview).contains("release record: blue live; green runs 2.0.0 (revision 5), preview");
        assertColours(preview, "1.1.0, revision 4  1/1 ready  live", "2.0.0, revision 5  1/1 ready  on preview: ");

        List<String> promoted = body(out, "== step " + (first + 2) + of + "paycli promote");
        assertThat(promoted.get(0)).startsWith("campaign-web 2.0.0 promoted in beta (promotion-beta) as revision 6")
                .contains("promoted green (2.0.0, revision 5): traffic switched from blue (1.1.0, revision 4) with"
                        + " one Service patch");
        assertThat(promoted).anyMatch(l -> l.startsWith("release record: green live; blue runs 1.1.0 (revision 4),"
                + " promoted, kept until "));
        assertColours(promoted, "1.1.0, revision 4  1/1 ready  scaled to 0 at ", "2.0.0, revision 5  1/1 ready  live");

        List<String> back = body(out, "== step " + (first + 3) + of + "paycli rollback");
        assertThat(back.get(0)).startsWith("campaign-web 1.1.0 put back in beta (promotion-beta) as revision 7")
                .contains("switched back to blue (1.1.0, revision 4): traffic switched from green (2.0.0, revision 5)"
                        + " with one Service patch");
        assertThat(back).anyMatch(l -> l.startsWith("release record: blue live; green runs 2.0.0 (revision 5),"
                + " switched back, kept until "));
        // Green keeps its pod for its own window: a second rollback would switch again.
        assertColours(back, "1.1.0, revision 4  1/1 ready  live", "2.0.0, revision 5  1/1 ready  scaled to 0 at ");

        List<String> history = body(out, "== step " + (first + 4) + of + "paycli history");
        assertThat(history.get(0).split("\\s+")).contains("PHASE", "LIVE");
        assertThat(history.subList(1, 5)).satisfiesExactly(
            l -> assertThat(l).matches("7 +1\\.1\\.0 +succeeded +switched back +blue .*"),
            l -> assertThat(l).matches("6 +2\\.0\\.0 +succeeded +promoted +green .*"),
            l -> assertThat(l).matches("5 +2\\.0\\.0 +succeeded +preview +blue .*"),
            l -> assertThat(l).matches("4 +1\\.1\\.0 +succeeded +promoted +blue .*"));
    }

    /** The lines of both colours under "colours:", each starting with what is given after its Deployment. */
    private static void assertColours(List<String> section, String blue, String green) {
        assertThat(section).contains("colours:");
        assertThat(section).anyMatch(l -> l.matches("  blue +Deployment campaign-web-blue +.*")
                && l.replaceFirst("  blue +Deployment campaign-web-blue +", "").startsWith(blue));
        assertThat(section).anyMatch(l -> l.matches("  green +Deployment campaign-web-green +.*")
                && l.replaceFirst("  green +Deployment campaign-web-green +", "").startsWith(green));
    }

    @Test
    void everythingDeployedIsRestoredIntoASecondSandboxAndComparesTheSame() {
        assertRestore(demo.out(), demo.err());
    }

    /** The apps the demo deployed, as "app namespace", from the lines that say so. */
    private static Set<String> deployed(String out) {
        Set<String> apps = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^(\\S+) \\S+ deployed to \\S+ \\((\\S+)\\)").matcher(out);
        while (m.find()) {
            apps.add(m.group(1) + " " + m.group(2));
        }
        return apps;
    }

    /**
     * The capture, restore and compare steps as the demo prints them: every app the demo deployed is in the restore's
     * table as restored, at the version that serves in the first sandbox, and cluster compare finds the second
     * sandbox the same, app by app. The second sandbox lives inside the demo and ends with it, so the evidence that
     * its objects match is the comparison's server-side dry runs against its live objects.
     */
    static void assertRestore(String out, String err) {
        int first = DemoCommand.STEPS - DemoRestore.STEPS + 1;
        String of = " of " + DemoCommand.STEPS + ": ";
        String source = Sandbox.DEFAULT_CONTEXT;
        String target = DemoRestore.TARGET;
        Map<String, String> versions = Map.of("campaign-web promotion-beta", "1.1.0", "campaign-web promotion",
                "1.2.0", "settlement-api settlement-beta", "1.0.0", "points-worker points-beta", "1.0.0",
                "reconcile-batch settlement-beta", "1.0.0");
        assertThat(deployed(out)).as("what the demo deployed").isEqualTo(versions.keySet());

        List<String> capture = body(out, "== step " + first + of + "paycli cluster capture --context " + source);
        assertThat(capture.get(0)).matches("KIND +NAMESPACE +NAME");
        assertThat(capture.subList(1, capture.size() - 1)).allMatch(l -> l.matches("Namespace +- +\\S+"))
                .hasSize(4);
        assertThat(capture.get(capture.size() - 1))
                .startsWith("captured 4 objects and list 0 Secrets of cluster " + source + " in commit ");

        List<String> restore = body(out, "== step " + (first + 1) + of + "paycli restore --from " + source
                + " --to-context " + target + " --parallel " + DemoRestore.PARALLEL);
        assertThat(restore.get(0)).matches("APP +NAMESPACE +VERSION +DURATION +RESULT");
        Map<String, String> restored = new TreeMap<>();
        for (String row : restore.subList(1, 1 + versions.size())) {
            String[] cells = row.split(" +");
            assertThat(cells).as(row).hasSize(5);
            assertThat(cells[3]).matches("\\d+\\.\\ds");
            assertThat(cells[4]).as(row).isEqualTo("restored");
            restored.put(cells[0] + " " + cells[1], cells[2]);
        }
        assertThat(restored).isEqualTo(versions);
        // the captured installation (the four namespaces) went first
        assertThat(restore.get(1 + versions.size())).isEqualTo("cluster installation: applied 4, unchanged 0,"
                + " failed 0 of the captured objects of " + source);
        assertThat(restore.get(2 + versions.size())).startsWith("restored 5, unchanged 0, failed 0, skipped 0 of 5"
                + " apps of " + source + " (archive commit ").endsWith(") into context " + target);
        assertThat(err).contains("==> target: restore 5 apps of " + source + " from archive commit ");
        versions.keySet().forEach(a -> assertThat(err).contains("    " + a.split(" ")[1] + "/" + a.split(" ")[0]
                + ": restored"));

        List<String> compare = body(out, "== step " + (first + 2) + of + "paycli cluster compare --from " + source
                + " --to-context " + target);
        assertThat(compare.get(0).split(" +")).containsExactly("APP", "ENV", "NAMESPACE", "SOURCE", "TARGET",
                "RESULT", "DIFFERENCES");
        Map<String, String> same = new TreeMap<>();
        for (String row : compare.subList(1, 1 + versions.size())) {
            String[] cells = row.split(" +");
            assertThat(cells).as(row).hasSize(7);
            assertThat(cells[3]).as(row).isEqualTo(cells[4]);
            assertThat(cells[5] + " " + cells[6]).as(row).isEqualTo("same -");
            same.put(cells[0] + " " + cells[2], cells[4]);
        }
        assertThat(same).isEqualTo(versions);
        assertThat(compare.subList(1 + versions.size(), compare.size())).containsExactly(
                "_cluster: 4 of 4 captured objects as captured", "no differences",
                "5 apps restored into " + target + " from the archive alone, running the same versions and config as"
                        + " in " + source + "; Secrets to provide: none");
    }

    @Test
    void theClosingHintNamesTheCommandAsInvoked() {
        List<String> closing = section(demo.out(), "== done");
        assertThat(closing).anyMatch(l -> l.contains("bin/paycli deploy"));
        assertThat(String.join("\n", closing)).doesNotContainPattern("(^|[\\s'])paycli ");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
