package io.paycli.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.paycli.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryCatalogSourceTest {

    @TempDir
    Path catalog;

    @Test
    void servesEachSubFolderAsATemplate() {
        CatalogFixtures.writePackage(catalog, "greeter", "0.1.0", "hello");
        CatalogFixtures.copyBuiltin("web", catalog);

        DirectoryCatalogSource source = DirectoryCatalogSource.open(catalog);

        assertThat(source.names()).containsExactly("greeter", "web");
        assertThat(source.describe()).isEqualTo(catalog.toAbsolutePath().normalize().toString());
        TemplatePackage greeter = source.find("greeter").orElseThrow();
        assertThat(greeter.defaults()).containsEntry("marker", "hello");
        assertThat(greeter.catalog()).isEqualTo(source.describe());
        assertThat(greeter.catalogCommit()).isEqualTo(source.commit());
        assertThat(source.find("worker")).isEmpty();
    }

    @Test
    void commitIsAStableHashOfTheContent() throws IOException {
        Path greeter = CatalogFixtures.writePackage(catalog, "greeter", "0.1.0", "hello");
        String first = DirectoryCatalogSource.open(catalog).commit();

        assertThat(first).matches("sha256:[0-9a-f]{12}");
        assertThat(DirectoryCatalogSource.open(catalog).commit()).isEqualTo(first);

        Files.writeString(greeter.resolve("values.yaml"), "marker: changed\n");
        String changed = DirectoryCatalogSource.open(catalog).commit();
        assertThat(changed).isNotEqualTo(first);

        Files.writeString(greeter.resolve("values.yaml"), "marker: hello\n");
        assertThat(DirectoryCatalogSource.open(catalog).commit()).isEqualTo(first);
    }

    @Test
    void hiddenFilesAndDeeperFoldersAreNotPartOfTheCatalog() throws IOException {
        CatalogFixtures.writePackage(catalog, "greeter", "0.1.0", "hello");
        String before = DirectoryCatalogSource.open(catalog).commit();

        Files.createDirectories(catalog.resolve(".git/objects"));
        Files.writeString(catalog.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(catalog.resolve("greeter/.DS_Store"), "x");
        Files.createDirectories(catalog.resolve("greeter/docs"));
        Files.writeString(catalog.resolve("greeter/docs/notes.md"), "notes");

        DirectoryCatalogSource source = DirectoryCatalogSource.open(catalog);
        assertThat(source.commit()).isEqualTo(before);
        assertThat(source.names()).containsExactly("greeter");
    }

    @Test
    void aFolderWithoutTemplateYamlIsAnErrorNotAMiss() throws IOException {
        Files.createDirectories(catalog.resolve("web"));
        Files.writeString(catalog.resolve("web/template.yml"), "name: web\n");

        DirectoryCatalogSource source = DirectoryCatalogSource.open(catalog);

        assertThat(source.names()).isEmpty();
        assertThatThrownBy(() -> source.find("web"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("template 'web' in catalog " + source.describe() + ": folder has no template.yaml");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path missing = catalog.resolve("nope");

        assertThatThrownBy(() -> DirectoryCatalogSource.open(missing))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("template catalog directory " + missing + " does not exist");
    }
}
