package io.paycli.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.paycli.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {

    @TempDir
    Path tmp;

    @Test
    void builtinOnlyWithoutASpec() {
        Catalog catalog = Catalog.open(null, tmp);

        assertThat(catalog.names()).containsExactly("agent", "batch", "spring-boot-api", "web", "worker");
        assertThat(catalog.get("web").catalog()).isEqualTo("built-in");
        assertThat(catalog.warnings()).isEmpty();
    }

    @Test
    void anUnknownTemplateSuggestsTheNearestAndListsTheRest() {
        assertThatThrownBy(() -> Catalog.builtin().get("wbe"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown template 'wbe' (did you mean 'web'?); available: agent, batch, spring-boot-api, web, worker");
        assertThatThrownBy(() -> Catalog.builtin().get("database"))
                .hasMessage("unknown template 'database'; available: agent, batch, spring-boot-api, web, worker");
        assertThatThrownBy(() -> Catalog.builtin().get(null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("no template given; available: agent, batch, spring-boot-api, web, worker");
    }

    @Test
    void aDirectoryCatalogOverridesBuiltinTypesOneByOne() throws IOException {
        Path dir = tmp.resolve("catalog");
        Path web = CatalogFixtures.copyBuiltin("web", dir);
        Files.writeString(web.resolve("template.yaml"),
                Files.readString(web.resolve("template.yaml")).replace("version: 1.0.0", "version: 2.0.0"));
        CatalogFixtures.writePackage(dir, "static-site", "1.0.0", "x");

        Catalog catalog = Catalog.open(dir.toString(), tmp.resolve("cache"));

        TemplatePackage overridden = catalog.get("web");
        assertThat(overridden.version()).isEqualTo("2.0.0");
        assertThat(overridden.catalog()).isEqualTo(dir.toAbsolutePath().normalize().toString());
        assertThat(overridden.catalogCommit()).startsWith("sha256:");
        assertThat(catalog.get("worker").catalog()).isEqualTo("built-in");
        assertThat(catalog.get("worker").version()).isEqualTo("1.0.0");
        assertThat(catalog.names()).containsExactly("agent", "batch", "spring-boot-api", "static-site", "web", "worker");
        assertThat(catalog.list()).extracting(TemplatePackage::name, TemplatePackage::version).containsExactly(
                tuple("agent", "1.0.0"),
                tuple("batch", "1.0.0"),
                tuple("spring-boot-api", "1.0.0"),
                tuple("static-site", "1.0.0"),
                tuple("web", "2.0.0"),
                tuple("worker", "1.0.0"));
    }

    @Test
    void aBrokenOverrideIsReportedNotSkipped() throws IOException {
        Path dir = tmp.resolve("catalog");
        Path web = CatalogFixtures.copyBuiltin("web", dir);
        Files.writeString(web.resolve("template.yaml"), "name: web\nversion: 1.0\ndescription: x\nfiles: [service.yaml.peb]\n");

        Catalog catalog = Catalog.open(dir.toString(), tmp.resolve("cache"));

        assertThatThrownBy(() -> catalog.get("web"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("template 'web' in catalog " + dir.toAbsolutePath().normalize())
                .hasMessageContaining("version '1.0' is not a semantic version");
        assertThat(catalog.get("worker").name()).isEqualTo("worker");
    }

    @Test
    void aMissingDirectoryIsAnError() {
        assertThatThrownBy(() -> Catalog.open(tmp.resolve("missing").toString(), tmp))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("template catalog directory " + tmp.resolve("missing") + " does not exist");
        assertThatThrownBy(() -> Catalog.open("  ", tmp)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aGitCatalogOverridesBuiltinTypesAndPassesOnItsWarnings() {
        try (RemoteCatalog remote = new RemoteCatalog(tmp)) {
            remote.commit("one");
            remote.tag("v1");
            Path cache = tmp.resolve("cache");

            Catalog catalog = Catalog.open(remote.url() + "#v1", cache);

            assertThat(catalog.get("greeter").catalog()).isEqualTo(remote.url() + "#v1");
            assertThat(catalog.get("web").catalog()).isEqualTo("built-in");
            assertThat(catalog.names()).containsExactly("agent", "batch", "greeter", "spring-boot-api", "web", "worker");
            assertThat(catalog.warnings()).isEmpty();

            remote.delete();
            Catalog offline = Catalog.open(remote.url() + "#v1", cache);
            assertThat(offline.warnings()).singleElement().asString().contains(remote.url() + " is unreachable");
            assertThat(offline.get("greeter").catalogCommit()).isEqualTo(catalog.get("greeter").catalogCommit());
        }
    }

    @Test
    void aGitUrlWithoutARefFollowsTheDefaultBranch() {
        try (RemoteCatalog remote = new RemoteCatalog(tmp)) {
            remote.commit("one");
            String two = remote.commit("two");

            assertThat(Catalog.open(remote.url(), tmp.resolve("cache")).get("greeter").catalogCommit()).isEqualTo(two);
        }
    }

    @Test
    void recognisesGitSpecs() {
        assertThat(Catalog.isGit("https://git.example.com/platform/catalog")).isTrue();
        assertThat(Catalog.isGit("file:///srv/catalog")).isTrue();
        assertThat(Catalog.isGit("git@github.example.com:platform/catalog.git")).isTrue();
        assertThat(Catalog.isGit("/srv/git/catalog.git")).isTrue();
        assertThat(Catalog.isGit("/srv/git/catalog.git/")).isTrue();
        assertThat(Catalog.isGit("/srv/catalog")).isFalse();
        assertThat(Catalog.isGit("./templates")).isFalse();
    }

    @Test
    void anEmptyRefIsAnError() {
        assertThatThrownBy(() -> Catalog.open("https://git.example.com/catalog.git#", tmp))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("template catalog https://git.example.com/catalog.git# has an empty ref after '#'");
    }

    @Test
    void theOptionWinsOverTheEnvironment() {
        assertThat(Catalog.spec("/srv/a", Map.of("PAYCLI_CATALOG", "/srv/b"))).isEqualTo("/srv/a");
        assertThat(Catalog.spec(null, Map.of("PAYCLI_CATALOG", "/srv/b"))).isEqualTo("/srv/b");
        assertThat(Catalog.spec(null, Map.of("PAYCLI_CATALOG", " "))).isNull();
        assertThat(Catalog.spec(null, Map.of())).isNull();
    }

    @Test
    void cacheDirFollowsXdg() {
        Path home = Path.of("/home/dev");

        assertThat(Catalog.defaultCacheDir(Map.of(), home)).isEqualTo(Path.of("/home/dev/.cache/paycli/catalogs"));
        assertThat(Catalog.defaultCacheDir(Map.of("XDG_CACHE_HOME", "/var/cache/dev"), home))
                .isEqualTo(Path.of("/var/cache/dev/paycli/catalogs"));
        assertThat(Catalog.defaultCacheDir(Map.of("XDG_CACHE_HOME", "relative"), home))
                .isEqualTo(Path.of("/home/dev/.cache/paycli/catalogs"));
    }

    @Test
    void needsASource() {
        assertThatThrownBy(() -> new Catalog(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
