package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
