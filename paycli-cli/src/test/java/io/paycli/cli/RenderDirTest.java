package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** render --output-dir: an empty directory or one of its own earlier renders, never a mix. */
class RenderDirTest {
    @TempDir
    Path tmp;
    Path app;
    Path out;

    @BeforeEach
    void copyExample() {
        app = Examples.copy("web", tmp.resolve("web"));
        out = tmp.resolve("out");
    }

    private Cli.Result render(String env) {
        return Cli.run("render", "-f", app.toString(), "-e", env, "-t", "1.0.0", "--output-dir", out.toString());
    }

    private List<String> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void aSecondRenderReplacesTheFilesOfTheFirst() throws IOException {
        assertThat(render("release").exit()).isZero();
        assertThat(yamlFiles()).anyMatch(n -> n.contains("horizontalpodautoscaler"));

        Cli.Result r = render("beta");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(yamlFiles()).noneMatch(n -> n.contains("horizontalpodautoscaler"));
        assertThat(yamlFiles()).hasSize(r.out().lines().toList().size());
        for (String name : yamlFiles()) {
            assertThat(Files.readString(out.resolve(name))).doesNotContain("paycli.io/env: release")
                    .contains("paycli.io/env: beta");
        }
    }

    @Test
    void anEmptyExistingDirectoryIsUsed() throws IOException {
        Files.createDirectories(out);
        Cli.Result r = render("beta");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(yamlFiles()).isNotEmpty();
    }

    @Test
    void aDirectoryWithOtherFilesIsRefusedAndLeftAlone() throws IOException {
        Files.createDirectories(out);
        Path mine = Files.writeString(out.resolve("notes.yaml"), "mine: true\n");

        Cli.Result r = render("beta");

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().lines().toList()).containsExactly("error: --output-dir " + out
                + " holds files paycli did not write (notes.yaml); choose an empty or new directory");
        assertThat(yamlFiles()).containsExactly("notes.yaml");
        assertThat(mine).hasContent("mine: true\n");
    }

    @Test
    void aFileAddedToAnEarlierRenderIsRefusedToo() throws IOException {
        assertThat(render("beta").exit()).isZero();
        List<String> first = yamlFiles();
        Files.writeString(out.resolve("extra.yaml"), "mine: true\n");

        Cli.Result r = render("release");

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("holds files paycli did not write (extra.yaml)");
        assertThat(yamlFiles()).containsAll(first).contains("extra.yaml");
    }
}
