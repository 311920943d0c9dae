package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/paycli demo as a new user runs it, from a directory outside the repository: it brings its own example apps,
 * shows status and history as the commands print them, keeps the failed release's pod warnings out of the
 * rollback, releases web blue-green (2.0.0 on green's preview, promoted, switched back to blue), pre-scales a
 * campaign that a deploy keeps and a revert ends, restores all of it into a second sandbox and compares it, and ends
 * with a hint naming the command that was typed. Both sandboxes live inside the demo's process and end with it, so
 * kubectl cannot look at them afterwards: which colour the Service selects is read from status, which reads it off
 * the Service, and from the progress on stderr; that the second sandbox runs what the first did is read from
 * cluster compare's table, whose server-side dry runs compare its live objects with its release records.
 */
class DemoIT {
    @TempDir
    Path tmp;

    @Test
    void theDemoRunsFromAnyDirectoryAndTellsTheStoryInTheCommandsOwnWords() throws Exception {
        Path elsewhere = tmp.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path temp = Files.createDirectories(tmp.resolve("temp"));
        String launcher = Processes.LAUNCHER.toString();

        Processes.Run r = new Processes(tmp).env("HOME", home.toString())
                .env("PAYCLI_JAVA_OPTS", "-Djava.io.tmpdir=" + temp).paycliIn(elsewhere, launcher, "demo");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("no such file");
        assertThat(r.out()).contains("deployed to beta", "rolled back to revision 2",
                "one bad release rolled back automatically");

        List<String> status = DemoCommandTest.section(r.out(), "== paycli status");
        assertThat(status.get(0)).matches("campaign-web \\(beta\\) in promotion-beta: revision 2, 1\\.1\\.0,"
                + " deployed \\S+ by \\S+, healthy");
        assertThat(status.get(1)).startsWith("latest attempt: revision 3, rolled back: ");
        assertThat(status.subList(2, status.size())).allMatch(l -> l.matches("  \\S+ \\S+ +\\S.*"));
        List<String> history = DemoCommandTest.section(r.out(), "== paycli history");
        assertThat(history.get(0)).isEqualTo(String.format("%-9s %-20s %-12s %-22s %-12s %s", "REVISION", "TAG",
                "RESULT", "STARTED", "USER", "MESSAGE"));
        assertThat(history.subList(1, history.size())).hasSize(3)
                .allMatch(l -> l.matches("\\d +\\S+ +(succeeded|rolled back) +\\S+Z +\\S+ +\\S.*"));

        assertThat(r.out().lines().filter(l -> l.startsWith("== step "))).hasSize(19)
                .allMatch(l -> l.matches("== step \\d+ of 19: .+"));
        DemoCommandTest.assertBlueGreen(r.out());
        // The promote and the switch-back each wrote the Service alone: no Deployment was applied or rolled out.
        String service = "Service promotion-beta/campaign-web now selects ";
        assertThat(switches(r.err())).as(r.err()).containsExactly(
                List.of(service + "green: traffic switched to campaign-web-green"),
                List.of(service + "blue: traffic switched to campaign-web-blue"));

        List<String> scaled = DemoCommandTest.section(r.out(), "== step 13 of 19: paycli scale");
        assertThat(scaled).anyMatch(l -> l.matches("  Deployment promotion/campaign-web +4/4 ready, 4 up to date"))
                .anyMatch(l -> l.matches("  HorizontalPodAutoscaler promotion/campaign-web +4 replicas \\(min 4, max 8\\)"))
                .anyMatch(l -> l.startsWith("pre-scale override on HPA campaign-web: min 4 max 8 until "));
        assertThat(DemoCommandTest.section(r.out(), "== step 14 of 19"))
                .anyMatch(l -> l.startsWith("pre-scale override on HPA campaign-web: min 4 max 8 until "));
        assertThat(DemoCommandTest.section(r.out(), "== step 15 of 19"))
                .noneMatch(l -> l.startsWith("pre-scale override"));

        assertThat(rollbackSection(r.err())).isNotEmpty().noneMatch(l -> l.contains("warning:"))
                .noneMatch(l -> l.contains("BackOff"));

        // Everything deployed, restored into a second sandbox (steps 17 to 19), and compared the same.
        DemoCommandTest.assertRestore(r.out(), r.err());
        // The demo's archive, kubeconfigs and examples were temporary files, removed at its end; the user's home
        // got nothing: no archive, no notification queue, no config.
        assertThat(r.out()).contains("demo's manifests archive, a git repository in a temporary");
        try (Stream<Path> left = Stream.concat(Files.walk(home), Files.walk(temp))) {
            assertThat(left.filter(p -> !p.equals(home) && !p.equals(temp))).isEmpty();
        }

        List<String> closing = DemoCommandTest.section(r.out(), "== done");
        assertThat(closing).anyMatch(l -> l.contains(launcher + " deploy"));
        assertThat(String.join("\n", closing)).doesNotContainPattern("(^|\\s)paycli ");
    }

    @Test
    void hintsNameTheLauncherAsTyped() throws Exception {
        Processes.Run r = new Processes(tmp).paycliIn(Processes.ROOT, "bin/paycli", "init", "--type", "web",
                "--app", "shop", "--dir", tmp.resolve("shop").toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("next: bin/paycli render -f " + tmp.resolve("shop"));
    }

    /**
     * What each promote and each switch-back wrote, in order: the progress of every run that took the lock without
     * rendering (no render, no apply, no rollout), as the lines that name a write.
     */
    private static List<List<String>> switches(String err) {
        List<List<String>> runs = new ArrayList<>();
        List<String> run = null;
        for (String line : err.lines().toList()) {
            if (line.startsWith("==> target: campaign-web (beta)")) {
                run = new ArrayList<>();
                runs.add(run);
            } else if (line.startsWith("==> target: ")) {
                run = null;
            } else if (run != null) {
                run.add(line);
            }
        }
        return runs.stream().filter(lines -> lines.stream().noneMatch(l -> l.startsWith("==> render")))
                .map(lines -> lines.stream().map(String::trim).filter(l -> l.startsWith("Service ")
                        || l.startsWith("Deployment ") && !l.contains(": rolled out,") || l.contains(" applied")
                        || l.contains(" deleted") || l.contains(" scaled ")).toList())
                .toList();
    }

    /** The progress lines from the start of the automatic rollback to its end. */
    private static List<String> rollbackSection(String err) {
        List<String> lines = err.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("==> rollback")) {
                start = i;
            }
            if (start >= 0 && lines.get(i).trim().startsWith("rollback ")) {
                return lines.subList(start, i + 1);
            }
        }
        return List.of();
    }
}
