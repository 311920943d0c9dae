package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the rendered YAML of every example × environment. Refresh with
 * {@code mvn test -Dgolden.update=true} after an intended change, and review the diff.
 */
class GoldenRenderTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final String TAG = "1.4.2";

    static Stream<Arguments> examples() {
        List<Arguments> cases = new ArrayList<>();
        for (String type : Examples.TYPES) {
            for (String env : Examples.ENVS) {
                cases.add(Arguments.of(type, env));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("examples")
    void renderMatchesGolden(String type, String env) throws IOException {
        Cli.Result result = Cli.run("render", "-f", Examples.dir(type).toString(), "-e", env, "-t", TAG);
        assertThat(result.exit()).as(result.toString()).isZero();
        Path golden = GOLDEN.resolve(type + "-" + env + ".yaml");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, result.out());
            return;
        }
        if (!Files.exists(golden)) {
            fail(golden + " is missing; create it with -Dgolden.update=true");
        }
        String expected = Files.readString(golden);
        if (!expected.equals(result.out())) {
            fail("rendered " + type + "/" + env + " differs from " + golden
                    + " (refresh with -Dgolden.update=true if intended):\n"
                    + LineDiff.unified(expected, result.out()));
        }
    }
}
