package io.paycli.agent.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundleReaderTest {
    @TempDir
    Path root;
    Path into;
    Map<String, String> before;

    /** root/jobs/job-1 is the target; root/jobs/job-0 a sibling with a file; root/victim.txt what an attack aims at. */
    @BeforeEach
    void layout() throws IOException {
        Path jobs = Files.createDirectories(root.resolve("jobs"));
        Files.createDirectories(jobs.resolve("job-0"));
        Files.writeString(jobs.resolve("job-0/paycli.yaml"), "app: other\n");
        Files.writeString(root.resolve("victim.txt"), "untouched\n");
        into = jobs.resolve("job-1");
        before = snapshot();
    }

    @Test
    void unpacksFilesAndDirectories() throws IOException {
        byte[] gz = TarGz.bundle().dir("config").dir("config/common").file("config/common/app.yaml", "a: 1\n")
                .file("config/beta/app.yaml", "a: 2\n").gz();

        reader().extract(new ByteArrayInputStream(gz), into);

        assertThat(Files.readString(into.resolve("paycli.yaml"))).isEqualTo(TarGz.CONFIG);
        assertThat(Files.readString(into.resolve("config/common/app.yaml"))).isEqualTo("a: 1\n");
        assertThat(Files.readString(into.resolve("config/beta/app.yaml"))).isEqualTo("a: 2\n");
        assertThat(siblingsOfInto()).containsExactly("job-0", "job-1");
    }

    @Test
    void unpacksIntoAnExistingEmptyDirectory() throws IOException {
        Files.createDirectory(into);

        reader().extract(new ByteArrayInputStream(TarGz.bundle().gz()), into);

        assertThat(Files.readString(into.resolve("paycli.yaml"))).isEqualTo(TarGz.CONFIG);
        assertThat(siblingsOfInto()).containsExactly("job-0", "job-1");
    }

    @Test
    void acceptsTheDotSlashNamesOfTarCommandLines() throws IOException {
        byte[] gz = new TarGz().dir("./").file("./paycli.yaml", TarGz.CONFIG).gz();

        reader().extract(new ByteArrayInputStream(gz), into);

        assertThat(Files.readString(into.resolve("paycli.yaml"))).isEqualTo(TarGz.CONFIG);
    }

    @Test
    void refusesAnAbsolutePath() {
        refused(TarGz.bundle().file("/tmp/evil.txt", "x").gz(), "bundle entry '/tmp/evil.txt': absolute paths");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../victim.txt", "config/../../victim.txt", "config/..", ".."})
    void refusesDotDotSegments(String name) {
        refused(TarGz.bundle().file(name, "x").gz(), "bundle entry '" + name + "': '..' segments are not allowed");
    }

    @Test
    void refusesBackslashesThatAnotherPlatformWouldReadAsSeparators() {
        refused(TarGz.bundle().file("..\\victim.txt", "x").gz(), "bundle entry '..\\victim.txt': backslashes");
    }

    @Test
    void refusesControlCharactersAndKeepsTheMessageOnOneLine() {
        String message = refused(TarGz.bundle().file("a\nINFO forged", "x").gz(),
                "bundle entry 'a\\x0aINFO forged': control characters");
        assertThat(message).doesNotContain("\n");
    }

    @Test
    void refusesASymbolicLink() {
        refused(TarGz.bundle().special("config", TarConstants.LF_SYMLINK, "/etc").file("config/passwd", "x").gz(),
                "bundle entry 'config': symbolic links are not allowed (to '/etc')");
    }

    @Test
    void refusesAHardLink() {
        refused(TarGz.bundle().special("copy.yaml", TarConstants.LF_LINK, "paycli.yaml").gz(),
                "bundle entry 'copy.yaml': hard links are not allowed (to 'paycli.yaml')");
    }

    @Test
    void refusesDevices() {
        refused(TarGz.bundle().special("tty", TarConstants.LF_CHR, null).gz(),
                "bundle entry 'tty': character devices are not allowed");
        refused(TarGz.bundle().special("sda", TarConstants.LF_BLK, null).gz(),
                "bundle entry 'sda': block devices are not allowed");
    }

    @Test
    void refusesAFifo() {
        refused(TarGz.bundle().special("pipe", TarConstants.LF_FIFO, null).gz(),
                "bundle entry 'pipe': FIFOs are not allowed");
    }

    @Test
    void refusesAnyOtherType() {
        refused(TarGz.bundle().special("contiguous", TarConstants.LF_CONTIG, null).gz(),
                "bundle entry 'contiguous': entry type '7' is not allowed");
        refused(TarGz.bundle().special("volume", (byte) 'V', null).gz(),
                "bundle entry 'volume': entry type 'V' is not allowed");
    }

    @Test
    void refusesDuplicates() {
        refused(TarGz.bundle().file("config/a.yaml", "1").file("config/a.yaml", "2").gz(),
                "bundle entry 'config/a.yaml': duplicate entry");
        refused(TarGz.bundle().file("./paycli.yaml", "again").gz(), "bundle entry './paycli.yaml': duplicate entry");
        refused(TarGz.bundle().dir("config").dir("config/").gz(), "bundle entry 'config/': duplicate entry");
    }

    @Test
    void refusesAnEntryBelowAFileAndAFileOverADirectory() {
        refused(TarGz.bundle().file("config", "x").file("config/a.yaml", "1").gz(),
                "bundle entry 'config/a.yaml': its parent 'config' is a file");
        refused(TarGz.bundle().file("config/a.yaml", "1").file("config", "x").gz(),
                "bundle entry 'config': a file where earlier entries put files below it");
    }

    @Test
    void refusesTooManyEntries() {
        TarGz tar = TarGz.bundle();
        for (int i = 1; i <= 5; i++) {
            tar.file("config/" + i + ".yaml", "n: " + i);
        }
        refused(tar.gz(), new BundleLimits(1 << 20, 1 << 20, 5, 1 << 20),
                "bundle entry 'config/5.yaml': more than 5 entries (maxEntries)");
    }

    @Test
    void refusesATooLargeFileFromItsHeader() {
        refused(TarGz.bundle().zeros("big.bin", 300 * 1024).gz(), new BundleLimits(1 << 20, 1 << 20, 10, 256 * 1024),
                "bundle entry 'big.bin': 300 KiB is more than the 256 KiB allowed for one file (maxFileBytes)");
    }

    /** A 1 KiB gzip whose one file inflates to 1 MiB: its header alone gives it away, before a byte is written. */
    @Test
    void refusesASmallGzipThatInflatesPastTheLimit() {
        byte[] bomb = TarGz.bundle().zeros("bomb.bin", 1 << 20).gz();
        assertThat(bomb.length).isLessThan(1536);

        refused(bomb, new BundleLimits(1 << 20, 256 * 1024, 10, 1 << 30),
                "bundle entry 'bomb.bin': its 1 MiB take the bundle past 256 KiB uncompressed (maxUncompressedBytes)");
    }

    /** Zeros after the end of the archive name no entry; the count of inflated bytes stops them. */
    @Test
    void refusesPaddingThatInflatesPastTheLimit() {
        byte[] tar = TarGz.bundle().tar();
        byte[] padded = Arrays.copyOf(tar, tar.length + (1 << 20));
        byte[] gz = TarGz.gzip(padded);
        assertThat(gz.length).isLessThan(1536);

        refused(gz, new BundleLimits(1 << 20, 256 * 1024, 10, 1 << 20),
                "bundle inflates to more than 256 KiB after entry 'paycli.yaml' (maxUncompressedBytes)");
    }

    /**
     * A gzip stream that would inflate to a terabyte, made on the fly: the reader must stop after about the limit,
     * having read a tiny part of it. Inflating everything first would never end.
     */
    @Test
    void stopsAnEndlessBombWhileStreaming() {
        EndlessBomb bomb = new EndlessBomb(TarGz.bundle().tar());

        refused(bomb, BundleLimits.DEFAULTS,
                "bundle inflates to more than 64 MiB after entry 'paycli.yaml' (maxUncompressedBytes)");

        assertThat(bomb.inflatesTo()).isGreaterThan(1L << 40);
        assertThat(bomb.given()).isLessThan(1 << 20);
    }

    @Test
    void refusesMoreCompressedBytesThanAllowed() {
        byte[] noise = new byte[8 * 1024];
        new Random(7).nextBytes(noise);
        refused(TarGz.bundle().file("noise.bin", noise).gz(), new BundleLimits(4096, 1 << 20, 10, 1 << 20),
                "bundle is larger than 4 KiB compressed (maxCompressedBytes)");
    }

    @Test
    void refusesBytesThatAreNotGzip() {
        refused("app: campaign-web\n".getBytes(StandardCharsets.UTF_8), "bundle is not gzip-compressed");
        refused(TarGz.bundle().tar(), "bundle is not gzip-compressed");
        refused(new byte[0], "bundle is not gzip-compressed");
    }

    @Test
    void refusesGzipThatIsNotTar() {
        refused(TarGz.gzip("app: campaign-web\n".repeat(100).getBytes(StandardCharsets.UTF_8)),
                "bundle is gzip-compressed but not a tar archive");
        refused(TarGz.gzip(new byte[0]), "bundle is gzip-compressed but not a tar archive");
    }

    @Test
    void refusesATruncatedGzip() {
        byte[] gz = TarGz.bundle().file("config/app.yaml", "a: 1\n".repeat(2000)).gz();
        refused(Arrays.copyOf(gz, gz.length / 2), "bundle is truncated");
        refused(Arrays.copyOf(gz, gz.length - 4), "bundle is truncated");
    }

    @Test
    void refusesATarCutInsideAnEntry() {
        byte[] tar = TarGz.bundle().file("config/app.yaml", "a: 1\n".repeat(500)).tar();
        refused(TarGz.gzip(Arrays.copyOf(tar, 1024 + 512 + 1000)), "bundle is truncated in entry 'config/app.yaml'");
    }

    /** paycli.yaml's header and data fill 1 KiB: cut there, the tar reader alone sees a clean end. */
    @Test
    void refusesATarCutBetweenEntries() {
        byte[] tar = TarGz.bundle().file("config/app.yaml", "a: 1\n").tar();
        refused(TarGz.gzip(Arrays.copyOf(tar, 1024)),
                "bundle is truncated after entry 'paycli.yaml': the tar archive stops without its end marker");
    }

    /** A long name comes in a PAX header before its entry's own header: cut between the two. */
    @Test
    void refusesATarCutAfterAPaxHeader() {
        String longName = "config/" + "long-".repeat(30) + ".yaml";
        byte[] tar = TarGz.bundle().file(longName, "a: 1\n").tar();
        refused(TarGz.gzip(Arrays.copyOf(tar, 1024 + 1024)), "bundle is truncated after entry 'paycli.yaml'");
    }

    @Test
    void refusesABundleWithoutPaycliYamlAtItsRoot() {
        refused(new TarGz().file("app/paycli.yaml", TarGz.CONFIG).gz(), "bundle has no paycli.yaml at its root");
        refused(new TarGz().dir("paycli.yaml").gz(), "bundle has no paycli.yaml at its root");
    }

    @Test
    void leavesADirectoryThatIsNotEmptyAlone() throws IOException {
        Path job0 = root.resolve("jobs/job-0");

        assertThatThrownBy(() -> reader().extract(new ByteArrayInputStream(TarGz.bundle().gz()), job0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not empty");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void reportsABrokenUploadAsAnIoFailureAndLeavesNothing() {
        byte[] gz = TarGz.bundle().file("config/app.yaml", new byte[100_000]).gz();
        InputStream breaking = new InputStream() {
            private int given;

            @Override
            public int read() throws IOException {
                if (given == gz.length / 2) {
                    throw new IOException("connection reset");
                }
                return gz[given++] & 0xff;
            }
        };

        assertThatThrownBy(() -> reader().extract(breaking, into)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("reading the bundle failed").hasMessageContaining("connection reset");
        assertThat(snapshot()).isEqualTo(before);
    }

    private static BundleReader reader() {
        return new BundleReader(BundleLimits.DEFAULTS);
    }

    private String refused(byte[] gz, String expected) {
        return refused(gz, BundleLimits.DEFAULTS, expected);
    }

    private String refused(byte[] gz, BundleLimits limits, String expected) {
        return refused(new ByteArrayInputStream(gz), limits, expected);
    }

    /** Refused with a one-line BundleException (exit code 3) starting with {@code expected}; nothing changed. */
    private String refused(InputStream in, BundleLimits limits, String expected) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> new BundleReader(limits).extract(in, into));
        assertThat(thrown).isInstanceOf(BundleException.class).isInstanceOf(InvalidInputException.class);
        assertThat(((BundleException) thrown).exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(thrown.getMessage()).startsWith(expected).doesNotContain("\n");
        assertThat(snapshot()).as("files under the temp dir after refusing").isEqualTo(before);
        return thrown.getMessage();
    }

    private java.util.List<String> siblingsOfInto() throws IOException {
        try (Stream<Path> list = Files.list(into.getParent())) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every path under the temp dir, with the content of files ("/" for directories). */
    private Map<String, String> snapshot() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                files.put(root.relativize(p).toString(), Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/"
                        : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.readString(p) : "link");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
