package io.paycli.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.paycli.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class TemplateEngineTest {

    private final TemplateEngine engine = new TemplateEngine();

    private static TemplatePackage pkg(Map<String, String> sources) {
        return pkg("commit-1", sources);
    }

    private static TemplatePackage pkg(String commit, Map<String, String> sources) {
        return new TemplatePackage("web", "1.0.0", "test", List.of(sources.keySet().iterator().next()), Map.of(),
                "{}", sources, "test", commit);
    }

    private static Map<String, Object> context(Object... pairs) {
        Map<String, Object> context = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            context.put((String) pairs[i], pairs[i + 1]);
        }
        return context;
    }

    @Test
    void anUndefinedVariableIsAnErrorNamingFileAndLine() {
        TemplatePackage pkg = pkg(Map.of("deployment.yaml.peb", "a: 1\nb: {{ app }}\nc: {{ foo }}\n"));

        assertThatThrownBy(() -> engine.render(pkg, "deployment.yaml.peb", context("app", "x")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("template web/deployment.yaml.peb line 3: variable 'foo' is not defined");
    }

    @Test
    void aMissingMapKeyIsAnErrorToo() {
        TemplatePackage pkg = pkg(Map.of("deployment.yaml.peb", "\n\nport: {{ values.prot }}\n"));

        assertThatThrownBy(() -> engine.render(pkg, "deployment.yaml.peb", context("values", Map.of("port", 1))))
                .hasMessage("template web/deployment.yaml.peb line 3: attribute 'prot' is not defined");
    }

    @Test
    void aNullVariableIsDefined() {
        TemplatePackage pkg = pkg(Map.of("a.yaml.peb", "team: {{ team | json }}\n"));

        assertThat(engine.render(pkg, "a.yaml.peb", context("team", null))).isEqualTo("team: null\n");
    }

    @Test
    void includesAnotherFileOfThePackageAndNamesItInErrors() {
        TemplatePackage pkg = pkg(new LinkedHashMap<>(Map.of(
                "main.yaml.peb", "a: 1\n{% include '_part.peb' %}",
                "_part.peb", "b: {{ app | json }}\nc: {{ nope }}\n")));
        TemplatePackage good = pkg("commit-2", new LinkedHashMap<>(Map.of(
                "main.yaml.peb", "a: 1\n{% include './_part.peb' %}",
                "_part.peb", "b: {{ app | json }}\n")));

        assertThat(engine.render(good, "main.yaml.peb", context("app", "x"))).isEqualTo("a: 1\nb: \"x\"\n");
        assertThatThrownBy(() -> engine.render(pkg, "main.yaml.peb", context("app", "x")))
                .hasMessage("template web/_part.peb line 2: variable 'nope' is not defined");
    }

    @Test
    void cannotIncludeAnythingOutsideThePackage() {
        TemplatePackage pkg = pkg(Map.of("a.yaml.peb", "{% include '/etc/hostname' %}"));

        assertThatThrownBy(() -> engine.render(pkg, "a.yaml.peb", context()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("template web has no file '/etc/hostname'");
    }

    @Test
    void anUnknownFileIsAnError() {
        TemplatePackage pkg = pkg(Map.of("deployment.yaml.peb", "a: 1\n"));

        assertThatThrownBy(() -> engine.render(pkg, "deploymnet.yaml.peb", context()))
                .hasMessage("template web has no file 'deploymnet.yaml.peb' (did you mean 'deployment.yaml.peb'?)");
    }

    @Test
    void aSyntaxErrorIsOneLineWithItsLine() {
        TemplatePackage pkg = pkg(Map.of("a.yaml.peb", "a: 1\n{% if x %}\nb: 2\n"));

        assertThatThrownBy(() -> engine.render(pkg, "a.yaml.peb", context("x", true)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("template web/a.yaml.peb line ")
                .hasMessageContaining("endif")
                .hasMessageNotContaining("\n");
    }

    @Test
    void keepsTheNewlineAfterAPrintTagAndDropsControlTagLinesWrittenWithADash() {
        TemplatePackage pkg = pkg(Map.of("a.yaml.peb", """
                spec:
                  image: {{ image | json }}
                  {%- if flag %}
                  flag: true
                  {%- endif %}
                  end: 1
                """));

        assertThat(engine.render(pkg, "a.yaml.peb", context("image", "r:1", "flag", true)))
                .isEqualTo("spec:\n  image: \"r:1\"\n  flag: true\n  end: 1\n");
        assertThat(engine.render(pkg, "a.yaml.peb", context("image", "r:1", "flag", false)))
                .isEqualTo("spec:\n  image: \"r:1\"\n  end: 1\n");
    }

    @Test
    void doesNotEscapeHtml() {
        TemplatePackage pkg = pkg(Map.of("a.yaml.peb", "v: {{ v }}\n"));

        assertThat(engine.render(pkg, "a.yaml.peb", context("v", "<a href='x'>&</a>")))
                .isEqualTo("v: <a href='x'>&</a>\n");
    }

    @Test
    void jsonWritesEveryKindOfValueAsCompactJsonWithSortedKeys() {
        TemplatePackage pkg = pkg(Map.of("a.yaml.peb", "{{ v | json }}"));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", Arrays.asList(1, 2.5, true, null));
        map.put("a", Map.of("x", "y"));

        assertThat(engine.render(pkg, "a.yaml.peb", context("v", map))).isEqualTo("{\"a\":{\"x\":\"y\"},\"b\":[1,2.5,true,null]}");
        assertThat(engine.render(pkg, "a.yaml.peb", context("v", "say \"hi\"\n"))).isEqualTo("\"say \\\"hi\\\"\\n\"");
        assertThat(engine.render(pkg, "a.yaml.peb", context("v", null))).isEqualTo("null");
        assertThat(engine.render(pkg, "a.yaml.peb", context("v", 42L))).isEqualTo("42");
        assertThat(engine.render(pkg, "a.yaml.peb", context("v", false))).isEqualTo("false");
    }

    @Test
    void jsonOutputReadsBackAsTheSameValueInYaml() {
        TemplatePackage pkg = pkg(Map.of("a.yaml.peb", "value: {{ v | json }}\n"));
        List<String> tricky = List.of("yes", "no", "null", "~", "010", "1e3", "- item", "a: b", "# comment",
                "{x}", "[y]", "*alias", "&anchor", "!tag", "%percent", "@at", "`tick", "'single'", "tab\there",
                "line\u2028separator", "next\u0085line", "del\u007f", "bom\ufeff", "emoji 😀", "中文", "");

        for (String value : tricky) {
            String rendered = engine.render(pkg, "a.yaml.peb", context("v", value));
            assertThat(RenderContext.documents(rendered).get(0)).as(rendered).containsEntry("value", value);
        }
    }

    @Test
    void jsonEscapesCharactersThatYamlReadersTakeAsLineBreaksOrReject() {
        TemplatePackage pkg = pkg(Map.of("a.yaml.peb", "{{ v | json }}"));

        assertThat(engine.render(pkg, "a.yaml.peb", context("v", "a\u2028b\u0085c\u007fd\ufeffé")))
                .isEqualTo("\"a\\u2028b\\u0085c\\u007Fd\\uFEFFé\"");
    }

    @Test
    void keysListsAMapsKeysSorted() {
        TemplatePackage pkg = pkg(Map.of("a.yaml.peb", "{% for k in m | keys %}{{ k }}={{ m[k] }};{% endfor %}"));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ZED", "1");
        map.put("ALPHA", "2");
        map.put("MID", "3");

        assertThat(engine.render(pkg, "a.yaml.peb", context("m", map))).isEqualTo("ALPHA=2;MID=3;ZED=1;");
        assertThatThrownBy(() -> engine.render(pkg, "a.yaml.peb", context("m", "text")))
                .hasMessage("template web/a.yaml.peb line 1: keys filter needs a map, got String");
    }

    @Test
    void cachesCompiledTemplatesPerPackageCommitAndFile() {
        TemplatePackage first = pkg(Map.of("a.yaml.peb", "v: 1\n"));
        TemplatePackage sameCommit = pkg(Map.of("a.yaml.peb", "v: 2\n"));
        TemplatePackage newCommit = pkg("commit-2", Map.of("a.yaml.peb", "v: 3\n"));

        assertThat(engine.render(first, "a.yaml.peb", context())).isEqualTo("v: 1\n");
        assertThat(engine.render(sameCommit, "a.yaml.peb", context())).isEqualTo("v: 1\n");
        assertThat(engine.render(newCommit, "a.yaml.peb", context())).isEqualTo("v: 3\n");
    }
}
