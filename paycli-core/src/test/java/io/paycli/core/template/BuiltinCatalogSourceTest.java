package io.paycli.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class BuiltinCatalogSourceTest {

    private final BuiltinCatalogSource builtin = new BuiltinCatalogSource();

    @Test
    void offersTheProjectTypesAndTheAgent() {
        assertThat(builtin.names()).containsExactly("agent", "batch", "spring-boot-api", "web", "worker");
        for (String name : builtin.names()) {
            TemplatePackage pkg = builtin.find(name).orElseThrow();
            assertThat(pkg.name()).isEqualTo(name);
            assertThat(pkg.version()).isEqualTo("1.0.0");
            assertThat(pkg.description()).isNotBlank();
            assertThat(pkg.catalog()).isEqualTo("built-in");
            assertThat(pkg.catalogCommit()).isEqualTo("builtin-2");
        }
        assertThat(builtin.find("nope")).isEmpty();
    }

    @Test
    void appliesFilesInKubernetesOrder() {
        assertThat(builtin.find("web").orElseThrow().files())
                .containsExactly("service.yaml.peb", "deployment.yaml.peb", "hpa.yaml.peb", "ingress.yaml.peb");
        assertThat(builtin.find("worker").orElseThrow().files()).containsExactly("deployment.yaml.peb", "hpa.yaml.peb");
        assertThat(builtin.find("batch").orElseThrow().files()).containsExactly("cronjob.yaml.peb");
        assertThat(builtin.find("agent").orElseThrow().files()).containsExactly("serviceaccount.yaml.peb",
                "rbac.yaml.peb", "service.yaml.peb", "deployment.yaml.peb", "pdb.yaml.peb", "networkpolicy.yaml.peb");
    }

    @Test
    void commitIsTheMaintainedVersionNotABuildTime() {
        assertThat(builtin.commit()).isEqualTo("builtin-2").isEqualTo(new BuiltinCatalogSource().commit());
    }

    @Test
    void indexListsExactlyTheFilesShipped() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getResource("/catalog/index.txt").toURI()).getParent();
        List<String> shipped;
        try (Stream<Path> files = Files.walk(root)) {
            shipped = files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.contains("/"))
                    .sorted()
                    .toList();
        }
        List<String> indexed = Files.readAllLines(root.resolve("index.txt")).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .sorted()
                .toList();

        assertThat(indexed).as("catalog/index.txt must name every built-in file").isEqualTo(shipped);
    }

    /**
     * The catalog commit is what lets a release be traced back to its templates, so the
     * built-in files must not change without a new version.txt.
     */
    @Test
    void contentChangesOnlyWithANewVersion() throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String line : resource("index.txt").split("\\R")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                files.put(line.strip(), resource(line.strip()));
            }
        }
        String actual = builtin.commit() + " " + sha256(files);
        String recorded = Files.readString(Path.of("src/test/resources/template/builtin-catalog.sha256")).strip();

        assertThat(actual)
                .as("built-in templates changed: bump catalog/version.txt and record '%s' in"
                        + " src/test/resources/template/builtin-catalog.sha256", actual)
                .isEqualTo(recorded);
    }

    private static String sha256(Map<String, String> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((path, text) -> digest.update((path + "\0" + text + "\0").getBytes(StandardCharsets.UTF_8)));
            return "sha256:" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String path) throws IOException {
        try (var in = BuiltinCatalogSourceTest.class.getResourceAsStream("/catalog/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
