package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** paycli init writes only files it creates; --force is about paycli.yaml alone. */
class InitTest {
    @TempDir
    Path tmp;

    private static final String MINE = "# the user's own settings\nkeep: me\n";

    private Cli.Result init(Path dir, String... extra) {
        String[] args = {"init", "--type", "web", "--app", "shop", "--dir", dir.toString()};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return Cli.run(all);
    }

    @Test
    void keepsTheUsersConfigFilesWhenThereIsNoPaycliYaml() throws IOException {
        Path own = tmp.resolve("config/common/application.yaml");
        Files.createDirectories(own.getParent());
        Files.writeString(own, MINE);

        Cli.Result r = init(tmp);

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(own).hasContent(MINE);
        assertThat(tmp.resolve("paycli.yaml")).exists();
        assertThat(tmp.resolve("config/beta/application-env.yaml")).exists();
        assertThat(r.out()).contains("kept " + own + " (it exists)");
        assertThat(r.out()).doesNotContain("wrote " + own);
    }

    @Test
    void forceReplacesOnlyPaycliYaml() throws IOException {
        assertThat(init(tmp).exit()).isZero();
        Path beta = tmp.resolve("config/beta/application-env.yaml");
        Files.writeString(beta, MINE);
        Files.writeString(tmp.resolve("paycli.yaml"), "app: old\n");

        Cli.Result r = init(tmp, "--force");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(beta).hasContent(MINE);
        assertThat(Files.readString(tmp.resolve("paycli.yaml"))).contains("app: shop");
        assertThat(r.out()).contains("wrote " + tmp.resolve("paycli.yaml"), "kept " + beta);
    }

    @Test
    void refusesADirUnderADirectoryThatDoesNotExist() {
        Path dir = tmp.resolve("missing").resolve("shop");

        Cli.Result r = init(dir);

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().lines().toList()).containsExactly("error: --dir " + dir + ": " + dir.getParent()
                + " does not exist; create it first or choose another directory");
        assertThat(tmp.resolve("missing")).doesNotExist();
    }

    @Test
    void aNewDirUnderAnExistingOneIsCreated() {
        Cli.Result r = init(tmp.resolve("shop"));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(tmp.resolve("shop/paycli.yaml")).exists();
    }

    @Test
    void refusesADirThatIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("shop"), MINE);

        Cli.Result r = init(file);

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().lines().toList()).containsExactly("error: --dir " + file + " is a file, not a directory");
        assertThat(file).hasContent(MINE);
    }
}
