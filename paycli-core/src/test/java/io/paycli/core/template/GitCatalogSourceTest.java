package io.paycli.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import io.paycli.core.error.InvalidInputException;
import io.paycli.core.git.SystemSsh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCatalogSourceTest {

    @TempDir
    Path tmp;

    private RemoteCatalog remote;
    private Path cache;
    private final TemplateEngine engine = new TemplateEngine();

    @BeforeEach
    void setUp() {
        remote = new RemoteCatalog(tmp);
        cache = tmp.resolve("cache");
    }

    @AfterEach
    void tearDown() {
        remote.close();
    }

    /** What the greeter package of this source renders. */
    private String rendered(GitCatalogSource source) {
        TemplatePackage greeter = source.find("greeter").orElseThrow();
        return engine.render(greeter, "config.yaml.peb", Map.of("values", greeter.defaults()));
    }

    @Test
    void pinnedToATagServesThatTagsContent() {
        String one = remote.commit("one");
        remote.tag("v1");
        remote.commit("two");

        GitCatalogSource source = GitCatalogSource.open(remote.url(), "v1", cache);

        assertThat(rendered(source)).isEqualTo("kind: ConfigMap\nmarker: \"one\"\n");
        assertThat(source.commit()).isEqualTo(one).matches("[0-9a-f]{40}");
        assertThat(source.describe()).isEqualTo(remote.url() + "#v1");
        assertThat(source.names()).containsExactly("greeter");
        assertThat(source.find("greeter").orElseThrow().catalogCommit()).isEqualTo(one);
        assertThat(source.warnings()).isEmpty();
    }

    @Test
    void withoutARefServesTheRemotesDefaultBranch() {
        remote.commit("one");
        String two = remote.commit("two");

        GitCatalogSource source = GitCatalogSource.open(remote.url(), GitCatalogSource.DEFAULT_REF, cache);

        assertThat(rendered(source)).contains("\"two\"");
        assertThat(source.commit()).isEqualTo(two);
    }

    @Test
    void aForceMovedTagMovesOnTheNextOpen() {
        remote.commit("one");
        remote.tag("v1");
        assertThat(rendered(GitCatalogSource.open(remote.url(), "v1", cache))).contains("\"one\"");

        String three = remote.commit("three");
        remote.tag("v1");
        GitCatalogSource moved = GitCatalogSource.open(remote.url(), "v1", cache);

        assertThat(rendered(moved)).contains("\"three\"");
        assertThat(moved.commit()).isEqualTo(three);
    }

    @Test
    void aMovedBranchMovesOnTheNextOpen() {
        remote.commit("one");
        remote.branch("release");
        String first = remote.commit("release-1");
        assertThat(GitCatalogSource.open(remote.url(), "release", cache).commit()).isEqualTo(first);

        String second = remote.commit("release-2");
        GitCatalogSource moved = GitCatalogSource.open(remote.url(), "release", cache);

        assertThat(moved.commit()).isEqualTo(second);
        assertThat(rendered(moved)).contains("\"release-2\"");
        assertThat(rendered(GitCatalogSource.open(remote.url(), "main", cache))).contains("\"one\"");
    }

    @Test
    void worksOfflineFromTheCacheAndSaysSo() {
        String one = remote.commit("one");
        remote.tag("v1");
        GitCatalogSource.open(remote.url(), "v1", cache);
        remote.delete();

        GitCatalogSource offline = GitCatalogSource.open(remote.url(), "v1", cache);

        assertThat(rendered(offline)).contains("\"one\"");
        assertThat(offline.commit()).isEqualTo(one);
        assertThat(offline.warnings()).singleElement().asString()
                .startsWith("template catalog " + remote.url() + " is unreachable (")
                .endsWith("); using the cached 'v1' at commit " + one.substring(0, 12));
    }

    @Test
    void offlineAndNotCachedRefIsAnError() {
        remote.commit("one");
        remote.tag("v1");
        GitCatalogSource.open(remote.url(), "v1", cache);
        remote.delete();

        assertThatThrownBy(() -> GitCatalogSource.open(remote.url(), "v2", cache))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("template catalog " + remote.url() + " is unreachable and ref 'v2' is not cached: ");
    }

    @Test
    void aPinnedCommitAlreadyCachedNeedsNoFetch() {
        String one = remote.commit("one");
        remote.commit("two");
        GitCatalogSource.open(remote.url(), "main", cache);
        remote.delete();

        GitCatalogSource pinned = GitCatalogSource.open(remote.url(), one, cache);

        assertThat(pinned.commit()).isEqualTo(one);
        assertThat(rendered(pinned)).contains("\"one\"");
        assertThat(pinned.warnings()).as("no fetch was tried, so nothing failed").isEmpty();
    }

    @Test
    void anUnreachableUrlWithoutCacheIsAnErrorNamingIt() throws Exception {
        String url = "file://" + tmp.resolve("nowhere/catalog.git").toAbsolutePath();

        assertThatThrownBy(() -> GitCatalogSource.open(url, "v1", cache))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("template catalog " + url + " is unreachable and not cached: ")
                .hasMessageNotContaining("\n");
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left).as("a failed first fetch leaves no cache behind").isEmpty();
        }
    }

    @Test
    void anUnknownRefIsNamedWithTheNearestKnownOne() {
        remote.commit("one");
        remote.tag("v1.0.0");

        assertThatThrownBy(() -> GitCatalogSource.open(remote.url(), "v1.0.1", cache))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown ref 'v1.0.1' in template catalog " + remote.url() + " (did you mean 'v1.0.0'?)");
    }

    @Test
    void aRemoteWithoutADefaultBranchAsksForARef() {
        remote.commit("one");
        remote.branch("release");
        remote.commit("two");
        remote.deleteBranch("main");

        assertThatThrownBy(() -> GitCatalogSource.open(remote.url(), GitCatalogSource.DEFAULT_REF, cache))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("template catalog " + remote.url() + " has no default branch; name a branch or tag with #<ref>");
        assertThat(GitCatalogSource.open(remote.url(), "release", cache).names()).containsExactly("greeter");
    }

    @Test
    void mirrorsIntoABareRepositoryNamedByTheUrlHash() {
        remote.commit("one");

        GitCatalogSource.open(remote.url(), "main", cache);

        Path mirror = cache.resolve(GitCatalogCache.key(remote.url()));
        assertThat(mirror.getFileName().toString()).matches("[0-9a-f]{16}");
        assertThat(mirror.resolve("objects")).isDirectory();
        assertThat(mirror.resolve("HEAD")).isRegularFile();
        assertThat(mirror.resolve("greeter")).doesNotExist();
    }

    @Test
    void fetchesSshUrlsThroughTheSshProgram() throws IOException {
        assumeTrue(onPath("git-upload-pack"), "needs git-upload-pack to play the ssh server");
        Path fakeSsh = tmp.resolve("fake-ssh");
        Files.writeString(fakeSsh, """
                #!/bin/sh
                # Records its arguments, then runs the remote command (the last one) locally.
                echo "$@" > "$0.args"
                for last; do :; done
                exec sh -c "$last"
                """);
        assertThat(fakeSsh.toFile().setExecutable(true)).isTrue();
        String one = remote.commit("one");
        String url = "git@catalog.example.com:" + remote.bare().toAbsolutePath();

        GitCatalogSource source = GitCatalogSource.open(url, "main", cache, new SystemSsh(fakeSsh.toString(), 10));

        assertThat(source.commit()).isEqualTo(one);
        assertThat(rendered(source)).contains("\"one\"");
        assertThat(Files.readString(tmp.resolve("fake-ssh.args")))
                .startsWith("-o BatchMode=yes -o ConnectTimeout=10 git@catalog.example.com git-upload-pack ");
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
