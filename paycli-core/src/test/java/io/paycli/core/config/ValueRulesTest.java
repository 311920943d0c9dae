package io.paycli.core.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.AppConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueRulesTest {
    private static final Path FILE = Path.of("app", "paycli.yaml");
    private static final String YAML = """
            app: campaign-web
            template: web
            image: registry.example.com/pay/campaign-web
            values:
              hpa: {enabled: true, min: 3}
            environments:
              beta:
                context: beta-cluster
                namespace: promotion-beta
              release:
                context: prod-tw
                namespace: promotion
                values:
                  hpa:
                    max: 2
            """;
    private static final Map<String, Object> DEFAULTS =
            Map.of("hpa", Map.of("enabled", false, "min", 2, "max", 5, "cpuUtilization", 70));

    private static Values values(String env, String... sets) {
        AppConfig app = new ConfigLoader().parse(YAML, FILE);
        return ValuesLayering.layer(DEFAULTS, "template web values.yaml", app,
                app.environment(env).orElseThrow(), List.of(sets));
    }

    @Test
    void minAtMostMaxPasses() {
        assertThatCode(() -> ValueRules.check(values("beta"))).doesNotThrowAnyException();
        assertThatCode(() -> ValueRules.check(values("beta", "hpa.max=3"))).doesNotThrowAnyException();
    }

    @Test
    void minOverMaxNamesBothKeysAndTheLinesThatSetThem() {
        assertThatThrownBy(() -> ValueRules.check(values("release")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ":15: environments.release.values.hpa.max: 2 is less than hpa.min 3 (set at "
                        + FILE + ":5: values.hpa.min); an autoscaler's min must not exceed its max");
    }

    @Test
    void aSetIsNamedAsTheSetThatCausedIt() {
        assertThatThrownBy(() -> ValueRules.check(values("beta", "hpa.min=9")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--set hpa.min=9: hpa.min: 9 is more than hpa.max 5 (set at template web values.yaml:"
                        + " hpa.max); an autoscaler's min must not exceed its max");
    }

    @Test
    void aDisabledAutoscalerIsCheckedToo() {
        // The values are wrong whether or not this environment renders the autoscaler.
        assertThatThrownBy(() -> ValueRules.check(values("beta", "hpa.enabled=false", "hpa.max=1")))
                .hasMessageStartingWith("--set hpa.max=1: hpa.max: 1 is less than hpa.min 3");
    }

    @Test
    void valuesOfTheWrongTypeAreLeftToTheSchema() {
        assertThatCode(() -> ValueRules.check(values("beta", "hpa.min=many"))).doesNotThrowAnyException();
    }
}
