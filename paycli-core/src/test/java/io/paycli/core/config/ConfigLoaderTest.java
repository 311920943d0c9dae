package io.paycli.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.InputErrors;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.AppConfig;
import io.paycli.core.model.EnvConfig;
import io.paycli.core.model.Strategy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static final Path FILE = Path.of("app", "paycli.yaml");
    private static final String VALID = """
            app: campaign-web
            team: promotion
            template: web
            image: registry.example.com/pay/campaign-web
            values:
              port: 8080
              resources: {requests: {cpu: 250m}}
            config:
              files: [config/common]
              literals: {LOG_FORMAT: json, RETRIES: 3}
            environments:
              beta:
                context: beta-cluster
                namespace: promotion-beta
                values: {replicas: 1}
              release:
                context: prod-tw
                namespace: promotion
                clusterName: tw-prod
                strategy: blue-green
            notify:
              - type: slack
                urlEnv: SLACK_WEBHOOK_URL
            """;

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void loadsEveryPartOfTheFile() {
        AppConfig app = loader.parse(VALID, FILE);
        assertThat(app.app()).isEqualTo("campaign-web");
        assertThat(app.values()).containsEntry("port", 8080);
        assertThat(app.config().files()).containsExactly("config/common");
        assertThat(app.config().literals()).containsEntry("RETRIES", "3");
        EnvConfig release = app.environment("release").orElseThrow();
        assertThat(release.strategy()).isEqualTo(Strategy.BLUE_GREEN);
        assertThat(release.cluster()).isEqualTo("tw-prod");
        assertThat(app.environment("beta").orElseThrow().cluster()).isEqualTo("beta-cluster");
        assertThat(app.environment("beta").orElseThrow().strategy()).isEqualTo(Strategy.ROLLING);
        assertThat(app.notifyTargets()).singleElement().satisfies(n -> assertThat(n.urlEnv()).isEqualTo("SLACK_WEBHOOK_URL"));
        assertThat(app.locate("environments.beta.values.replicas").line()).isEqualTo(15);
        assertThat(app.locate("values.resources.requests.cpu").line()).isEqualTo(7);
    }

    @Test
    void yamlCoreSchemaKeepsYesAndOnAsStrings() {
        PositionedYaml.Result r = PositionedYaml.load("a: yes\nb: on\nc: true\nd: 0x10\ne: 1.5\nf: ~\ng: '3'\n", "t");
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) r.value();
        assertThat(value).containsEntry("a", "yes").containsEntry("b", "on")
                .containsEntry("c", true).containsEntry("d", 16).containsEntry("e", 1.5)
                .containsEntry("f", null).containsEntry("g", "3");
    }

    @Test
    void everyErrorNamesFileLineAndKeyPath() {
        assertThatThrownBy(() -> loader.parse(VALID.replace("    clusterName:", "    clusterNam:"), FILE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":19: environments.release.clusterNam: unknown key (did you mean 'clusterName'?)");
        assertThatThrownBy(() -> loader.parse(VALID.replace("  - type: slack", "  - type: pager"), FILE))
                .hasMessage(FILE + ":22: notify[0].type: must be one of: slack, teams, webhook, email");
        assertThatThrownBy(() -> loader.parse(VALID.replace("literals: {LOG_FORMAT: json, RETRIES: 3}", "literals: [a]"), FILE))
                .hasMessageStartingWith(FILE + ":10: config.literals: expected object, got array");
    }

    @Test
    void reportsEveryProblemOnItsOwnLine() {
        String twoTypos = VALID.replace("team:", "taem:").replace("image:", "imag:");
        // The misspelt image explains the missing one, which is not reported again.
        assertThatThrownBy(() -> loader.parse(twoTypos, FILE))
                .isInstanceOfSatisfying(InputErrors.class, e -> assertThat(e.lines()).hasSize(2)
                        .allMatch(line -> line.startsWith(FILE + ":"))
                        .anyMatch(line -> line.endsWith("imag: unknown key (did you mean 'image'?)"))
                        .anyMatch(line -> line.endsWith("taem: unknown key (did you mean 'team'?)")));
    }

    @Test
    void layersValuesAndRecordsWhereEachCameFrom() {
        AppConfig app = loader.parse(VALID, FILE);
        Map<String, Object> defaults = Map.of("replicas", 2, "port", 80, "resources",
                Map.of("requests", Map.of("cpu", "100m", "memory", "256Mi")), "args", List.of("a", "b"));
        Values v = ValuesLayering.layer(defaults, "defaults", app, app.environment("beta").orElseThrow(),
                List.of("args=[x]", "env.MODE=\"3\"", "podAnnotations.example\\.com/a=true"));
        assertThat(v.merged()).containsEntry("replicas", 1).containsEntry("port", 8080)
                .containsEntry("args", List.of("x"));
        assertThat(v.merged().get("resources")).isEqualTo(Map.of("requests", Map.of("cpu", "250m", "memory", "256Mi")));
        assertThat(v.merged().get("env")).isEqualTo(Map.of("MODE", "3"));
        assertThat(v.merged().get("podAnnotations")).isEqualTo(Map.of("example.com/a", true));
        assertThat(v.originOf("replicas", null).toString()).isEqualTo(FILE + ":15: environments.beta.values.replicas");
        assertThat(v.origins().get("resources.requests.memory").location().source()).isEqualTo("defaults");
        // A default is rarely the culprit: errors point at the nearest key the user wrote.
        assertThat(v.originOf("resources.requests.memory", null).location().line()).isEqualTo(7);
        assertThat(v.originOf("resources.requests.cpu", null).location().line()).isEqualTo(7);
        assertThat(v.originOf("args", null).location().source()).isEqualTo("--set args=[x]");
    }
}
