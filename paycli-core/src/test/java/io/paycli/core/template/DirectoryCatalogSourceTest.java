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
        CatalogFixtures.writePackage(catalog, "greeter", "0.1.0", "hello");
        Files.createDirectories(catalog.resolve("web"));
        Files.writeString(catalog.resolve("web/template.yml"), "name: web\n");

        DirectoryCatalogSource source = DirectoryCatalogSource.open(catalog);

        assertThat(source.names()).containsExactly("greeter");
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

    @Test
    void aDirectoryThatIsNoCatalogIsNamedWithWhatItLacks() throws IOException {
        // Like /tmp: folders of other programs, binary files, nothing with a template.yaml.
        Files.createDirectories(catalog.resolve("cache"));
        Files.write(catalog.resolve("cache/blob.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3});
        Files.write(catalog.resolve("core.dump"), new byte[] {(byte) 0x80, (byte) 0x81});

        assertThatThrownBy(() -> DirectoryCatalogSource.open(catalog))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(catalog + " is not a template catalog: it has no folder with a template.yaml (a catalog"
                        + " holds one folder per project type, each with template.yaml, values.yaml,"
                        + " values.schema.json and its templates)");
    }

    @Test
    void aTemplateFileThatIsNotUtf8IsNamed() throws IOException {
        Path greeter = CatalogFixtures.writePackage(catalog, "greeter", "0.1.0", "hello");
        Files.write(greeter.resolve("values.yaml"), new byte[] {'a', ':', ' ', (byte) 0xe9, '\n'});

        assertThatThrownBy(() -> DirectoryCatalogSource.open(catalog))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(greeter.resolve("values.yaml") + ": not UTF-8 text (byte 0xe9 at offset 3);"
                        + " save template files as UTF-8");
    }
}
