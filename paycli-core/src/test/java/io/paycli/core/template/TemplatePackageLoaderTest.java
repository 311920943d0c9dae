package io.paycli.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.paycli.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class TemplatePackageLoaderTest {

    static Map<String, String> greeter() {
        Map<String, String> files = new TreeMap<>();
        files.put("template.yaml", """
                name: greeter
                version: 1.2.3-rc.1+build.5
                description: Says hello.
                files: [hello.yaml.peb]
                """);
        files.put("values.yaml", "greeting: hello\nnested: {list: [1, 2]}\n");
        files.put("values.schema.json", "{\"type\": \"object\"}");
        files.put("hello.yaml.peb", "greeting: {{ values.greeting | json }}\n{% include '_part.peb' %}");
        files.put("_part.peb", "part: true\n");
        files.put("README.md", "not a template");
        return files;
    }

    private static TemplatePackage load(Map<String, String> files) {
        return TemplatePackageLoader.load("greeter", files, "/srv/catalog", "sha256:0123456789ab");
    }

    private static Map<String, String> with(String file, String text) {
        Map<String, String> files = greeter();
        files.put(file, text);
        return files;
    }

    @Test
    void loadsEveryPartOfAPackage() {
        TemplatePackage pkg = load(greeter());

        assertThat(pkg.name()).isEqualTo("greeter");
        assertThat(pkg.version()).isEqualTo("1.2.3-rc.1+build.5");
        assertThat(pkg.description()).isEqualTo("Says hello.");
        assertThat(pkg.files()).containsExactly("hello.yaml.peb");
        assertThat(pkg.defaults()).containsEntry("greeting", "hello")
                .containsEntry("nested", Map.of("list", List.of(1, 2)));
        assertThat(pkg.schema()).isEqualTo("{\"type\": \"object\"}");
        assertThat(pkg.sources()).containsOnlyKeys("hello.yaml.peb", "_part.peb");
        assertThat(pkg.catalog()).isEqualTo("/srv/catalog");
        assertThat(pkg.catalogCommit()).isEqualTo("sha256:0123456789ab");
    }

    @Test
    void defaultsCannotBeChangedByACaller() {
        TemplatePackage pkg = load(greeter());
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) pkg.defaults().get("nested");

        assertThatThrownBy(() -> pkg.defaults().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> nested.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsAVersionThatIsNotSemantic() {
        assertThatThrownBy(() -> load(with("template.yaml", """
                name: greeter
                version: "1.2"
                description: Says hello.
                files: [hello.yaml.peb]
                """)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("template 'greeter' in catalog /srv/catalog: template.yaml line 2: version '1.2' is not"
                        + " a semantic version (expected MAJOR.MINOR.PATCH, e.g. 1.0.0)");
    }

    @Test
    void rejectsAnUnknownKeyAndSuggestsTheIntendedOne() {
        assertThatThrownBy(() -> load(with("template.yaml", """
                name: greeter
                version: 1.0.0
                description: Says hello.
                fiels: [hello.yaml.peb]
                """)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("template 'greeter' in catalog /srv/catalog: template.yaml line 4: unknown key 'fiels'"
                        + " (did you mean 'files'?); allowed: name, version, description, files");
    }

    @Test
    void rejectsAListedFileThatIsMissing() {
        assertThatThrownBy(() -> load(with("template.yaml", """
                name: greeter
                version: 1.0.0
                description: Says hello.
                files: [helo.yaml.peb]
                """)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("template 'greeter' in catalog /srv/catalog: template.yaml: file 'helo.yaml.peb' is"
                        + " listed but missing (did you mean 'hello.yaml.peb'?)");
    }

    @Test
    void rejectsAMissingKey() {
        assertThatThrownBy(() -> load(with("template.yaml", "name: greeter\nversion: 1.0.0\nfiles: [hello.yaml.peb]\n")))
                .hasMessageEndingWith("template.yaml: missing key 'description'");
    }

    @Test
    void rejectsANameThatDiffersFromTheFolder() {
        assertThatThrownBy(() -> load(with("template.yaml", """
                name: greeting
                version: 1.0.0
                description: Says hello.
                files: [hello.yaml.peb]
                """)))
                .hasMessageEndingWith("template.yaml: name 'greeting' does not match its folder 'greeter'");
    }

    @Test
    void rejectsAFileThatIsNotAYamlTemplate() {
        assertThatThrownBy(() -> load(with("template.yaml", """
                name: greeter
                version: 1.0.0
                description: Says hello.
                files:
                  - hello.yaml.peb
                  - README.md
                """)))
                .hasMessageEndingWith("template.yaml line 6: file 'README.md' must be a *.yaml.peb file of this folder");
    }

    @Test
    void reportsTheLineOfAYamlSyntaxError() {
        assertThatThrownBy(() -> load(with("template.yaml", "name: greeter\nversion: [1.0.0\n")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("template 'greeter' in catalog /srv/catalog: template.yaml line ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void rejectsAMissingFileOfThePackage() {
        Map<String, String> files = greeter();
        files.remove("values.schema.json");
        assertThatThrownBy(() -> load(files))
                .hasMessage("template 'greeter' in catalog /srv/catalog: missing values.schema.json");

        Map<String, String> noDescriptor = greeter();
        noDescriptor.remove("template.yaml");
        assertThatThrownBy(() -> load(noDescriptor))
                .hasMessage("template 'greeter' in catalog /srv/catalog: missing template.yaml");
    }

    @Test
    void rejectsValuesThatAreNotAMapping() {
        assertThatThrownBy(() -> load(with("values.yaml", "- a\n- b\n")))
                .hasMessageEndingWith("values.yaml must be a mapping of value names to defaults");
    }

    @Test
    void acceptsEmptyValues() {
        assertThat(load(with("values.yaml", "# nothing to default\n")).defaults()).isEmpty();
    }

    @Test
    void rejectsASchemaThatIsNotJson() {
        assertThatThrownBy(() -> load(with("values.schema.json", "{\n  \"type\": object\n}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("template 'greeter' in catalog /srv/catalog: values.schema.json line 2: ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> load(with("values.schema.json", "[]")))
                .hasMessageEndingWith("values.schema.json must be a JSON object (a JSON Schema)");
    }
}
