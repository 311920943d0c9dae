package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/paycli demo as a new user runs it, from a directory outside the repository: it brings its own example apps,
 * shows status and history as the commands print them, keeps the failed release's pod warnings out of the
 * rollback, pre-scales a campaign that a deploy keeps and a revert ends, and ends with a hint naming the command
 * that was typed.
 */
class DemoIT {
    @TempDir
    Path tmp;

    @Test
    void theDemoRunsFromAnyDirectoryAndTellsTheStoryInTheCommandsOwnWords() throws Exception {
        Path elsewhere = tmp.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        String launcher = Processes.LAUNCHER.toString();

        Processes.Run r = new Processes(tmp).paycliIn(elsewhere, launcher, "demo");

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

        assertThat(r.out().lines().filter(l -> l.startsWith("== step "))).hasSize(11)
                .allMatch(l -> l.matches("== step \\d+ of 11: .+"));
        List<String> scaled = DemoCommandTest.section(r.out(), "== step 8 of 11: paycli scale");
        assertThat(scaled).anyMatch(l -> l.matches("  Deployment promotion/campaign-web +4/4 ready, 4 up to date"))
                .anyMatch(l -> l.matches("  HorizontalPodAutoscaler promotion/campaign-web +4 replicas \\(min 4, max 8\\)"))
                .anyMatch(l -> l.startsWith("pre-scale override on HPA campaign-web: min 4 max 8 until "));
        assertThat(DemoCommandTest.section(r.out(), "== step 9 of 11"))
                .anyMatch(l -> l.startsWith("pre-scale override on HPA campaign-web: min 4 max 8 until "));
        assertThat(DemoCommandTest.section(r.out(), "== step 10 of 11"))
                .noneMatch(l -> l.startsWith("pre-scale override"));

        assertThat(rollbackSection(r.err())).isNotEmpty().noneMatch(l -> l.contains("warning:"))
                .noneMatch(l -> l.contains("BackOff"));

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
