package io.paycli.agent.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.config.ConfigFiles;
import io.paycli.core.config.ConfigLoader;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.AppConfig;
import io.paycli.core.model.EnvConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleWriterTest {
    /** The repository's examples/web: the tests run in paycli-agent. */
    private static final Path WEB = Path.of("").toAbsolutePath().getParent().resolve("examples/web");

    @TempDir
    Path tmp;

    @Test
    void roundTripOfExamplesWebGivesIdenticalFiles() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PackedBundle packed = new BundleWriter().write(WEB, out);
        Path job = tmp.resolve("job");

        new BundleReader(BundleLimits.DEFAULTS).extract(new ByteArrayInputStream(out.toByteArray()), job);

        // examples/web holds exactly paycli.yaml and the config files it lists.
        assertThat(files(job)).isEqualTo(files(WEB));
        assertThat(packed.files()).containsExactlyElementsOf(files(WEB).keySet());
        assertThat(packed.missing()).isEmpty();
        assertThat(packed.summary()).startsWith("bundle: 6 files, ");
        // And a deploy of each environment reads the same config from the unpacked copy.
        AppConfig original = new ConfigLoader().load(WEB);
        AppConfig unpacked = new ConfigLoader().load(job);
        for (EnvConfig env : original.environments().values()) {
            assertThat(ConfigFiles.read(unpacked, unpacked.environment(env.name()).orElseThrow()))
                    .isEqualTo(ConfigFiles.read(original, env));
        }
    }

    @Test
    void theSameFilesGiveTheSameBytes() throws IOException {
        Path copy = copyOf(WEB, tmp.resolve("web"));
        try (Stream<Path> walk = Files.walk(copy)) {
            for (Path p : walk.toList()) {
                Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000_000_000L));
            }
        }

        byte[] first = bytes(WEB);
        assertThat(bytes(WEB)).isEqualTo(first);
        assertThat(bytes(copy)).as("another place, other times").isEqualTo(first);
    }

    @Test
    void packsOnlyWhatADeployReads() throws IOException {
        Path app = app("config: {files: [config/common, extra/one.txt, config/.env]}\n"
                + "environments:\n  beta: {namespace: beta, config: {files: [config/beta]}}\n");
        write(app, "config/common/a.yaml", "a");
        write(app, "config/common/.swp", "editor noise");
        write(app, "config/common/nested/deep.yaml", "not read: no recursion");
        write(app, "config/beta/b.yaml", "b");
        write(app, "config/.env", "named explicitly");
        write(app, "config/release/r.yaml", "no environment lists it");
        write(app, "extra/one.txt", "1");
        write(app, "extra/two.txt", "not listed");
        write(app, "README.md", "not config");

        assertThat(entries(app)).containsExactly("config/", "config/beta/", "config/common/", "extra/",
                "config/.env", "config/beta/b.yaml", "config/common/a.yaml", "extra/one.txt", "paycli.yaml");
    }

    @Test
    void reportsConfigPathsThatDoNotExist() throws IOException {
        Path app = app("config: {files: [config/common]}\n"
                + "environments:\n  beta: {namespace: beta, config: {files: [config/beta]}}\n");
        write(app, "config/common/a.yaml", "a");

        PackedBundle packed = new BundleWriter().write(app, new ByteArrayOutputStream());

        assertThat(packed.files()).containsExactly("config/common/a.yaml", "paycli.yaml");
        assertThat(packed.missing()).containsExactly("config/beta");
        assertThat(packed.summary()).endsWith("(config path config/beta does not exist)");
    }

    @Test
    void refusesASymbolicLinkInsideAConfigDirectory() throws IOException {
        Path app = app("config: {files: [config/common]}\n");
        write(app, "config/common/a.yaml", "a");
        Files.writeString(tmp.resolve("secret.txt"), "outside");
        Path link = Files.createSymbolicLink(app.resolve("config/common/b.yaml"), tmp.resolve("secret.txt"));

        assertThatThrownBy(() -> new BundleWriter().write(app, new ByteArrayOutputStream()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(link + " is a symbolic link: a bundle carries only regular files and directories;"
                        + " copy the file into " + app + " instead");
    }

    @Test
    void refusesAFifoInsideAConfigDirectory() throws IOException, InterruptedException {
        Path app = app("config: {files: [config/common]}\n");
        write(app, "config/common/a.yaml", "a");
        Path fifo = app.resolve("config/common/pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();

        assertThatThrownBy(() -> new BundleWriter().write(app, new ByteArrayOutputStream()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(fifo + " is not a regular file (a device, FIFO or socket)");
    }

    @Test
    void refusesASymbolicLinkOnTheWayToAConfigPath() throws IOException {
        Path app = app("config: {files: [config/common/a.yaml]}\n");
        write(tmp, "elsewhere/common/a.yaml", "a");
        Files.createSymbolicLink(app.resolve("config"), tmp.resolve("elsewhere"));

        assertThatThrownBy(() -> new BundleWriter().write(app, new ByteArrayOutputStream()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(app.resolve("config") + " is a symbolic link");
    }

    @Test
    void refusesAConfigPathOutsideTheAppDirectory() throws IOException {
        Path app = app("config: {files: [../shared/ca.pem]}\n");
        write(tmp, "shared/ca.pem", "ca");

        assertThatThrownBy(() -> new BundleWriter().write(app, new ByteArrayOutputStream()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("config path ../shared/ca.pem is outside the app directory " + app);
    }

    @Test
    void refusesAnAppDirectoryWithoutPaycliYaml() {
        assertThatThrownBy(() -> new BundleWriter().write(tmp, new ByteArrayOutputStream()))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("no paycli.yaml in " + tmp);
    }

    private Path app(String rest) throws IOException {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("paycli.yaml"), "app: demo\ntemplate: web\nimage: registry.example.com/demo\n"
                + (rest.contains("environments:") ? rest : rest + "environments:\n  beta: {namespace: beta}\n"));
        return app;
    }

    private static void write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static byte[] bytes(Path app) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BundleWriter().write(app, out);
        return out.toByteArray();
    }

    /** The entry names of the bundle of {@code app}, in the order written. */
    private static java.util.List<String> entries(Path app) throws IOException {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new java.util.zip.GZIPInputStream(new ByteArrayInputStream(bytes(app))))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    /** Relative path ('/'-separated) to content, regular files only. */
    private static Map<String, String> files(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(DeployFiles.name(dir, p), Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static Path copyOf(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
        return to;
    }
}
