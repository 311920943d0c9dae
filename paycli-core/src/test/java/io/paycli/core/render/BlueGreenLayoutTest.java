package io.paycli.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.deploy.DeployService;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.Colour;
import io.paycli.core.model.DeployRequest;
import io.paycli.core.model.Manifest;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlueGreenLayoutTest {
    private static final Path WEB = Path.of("..", "examples", "web").toAbsolutePath().normalize();

    /** examples/web in its release environment: ConfigMap, Service, Deployment, HPA and Ingress. */
    private static List<Manifest> release() {
        DeployService service = DeployService.offline(Catalog.builtin(), new TemplateEngine());
        return service.render(new DeployRequest(WEB, "release", "1.0.0", List.of(), null, null))
                .manifests().manifests();
    }

    private static Manifest find(List<Manifest> manifests, String kind, String name) {
        return manifests.stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in " + manifests));
    }

    @SuppressWarnings("unchecked")
    private static Object at(Manifest m, String... path) {
        Object node = m.body();
        for (String key : path) {
            node = ((Map<String, Object>) node).get(key);
        }
        return node;
    }

    @Test
    void theReleaseGoesToItsColourWhileTheServiceKeepsSelectingTheLiveOne() {
        List<Manifest> laid = BlueGreenLayout.of("campaign-web", Colour.GREEN, Colour.BLUE, Colour.BLUE)
                .apply(release());

        Manifest green = find(laid, "Deployment", "campaign-web-green");
        assertThat(at(green, "metadata", "labels", BlueGreenLayout.COLOUR)).isEqualTo("green");
        assertThat(at(green, "spec", "selector", "matchLabels", BlueGreenLayout.COLOUR)).isEqualTo("green");
        assertThat(at(green, "spec", "template", "metadata", "labels", BlueGreenLayout.COLOUR)).isEqualTo("green");
        assertThat(laid).noneMatch(m -> m.kind().equals("Deployment") && m.name().equals("campaign-web"));

        Manifest live = find(laid, "Service", "campaign-web");
        assertThat(at(live, "spec", "selector", BlueGreenLayout.COLOUR)).isEqualTo("blue");
        Manifest preview = find(laid, "Service", "campaign-web-preview");
        assertThat(at(preview, "spec", "selector", BlueGreenLayout.COLOUR)).isEqualTo("green");
        assertThat(withoutColour(map(at(preview, "spec", "selector"))))
                .isEqualTo(withoutColour(map(at(live, "spec", "selector"))));
        assertThat(at(preview, "metadata", "labels")).isEqualTo(at(live, "metadata", "labels"));

        Manifest hpa = find(laid, "HorizontalPodAutoscaler", "campaign-web");
        assertThat(at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo("campaign-web-blue");
        // The Ingress keeps pointing at the live Service; the ConfigMap is shared by name (its hash).
        assertThat(find(laid, "Ingress", "campaign-web").body())
                .isEqualTo(find(release(), "Ingress", "campaign-web").body());
    }

    @Test
    void theServiceKeepsTheTemplatesSelectorUntilAColourServes() {
        // Switching a rolling app: the Service still selects the rolling Deployment's pods until blue is ready.
        List<Manifest> laid = BlueGreenLayout.of("campaign-web", Colour.BLUE, null, null).apply(release());

        Manifest live = find(laid, "Service", "campaign-web");
        assertThat(map(at(live, "spec", "selector"))).doesNotContainKey(BlueGreenLayout.COLOUR);
        assertThat(at(find(laid, "HorizontalPodAutoscaler", "campaign-web"), "spec", "scaleTargetRef", "name"))
                .isEqualTo("campaign-web");
        assertThat(find(laid, "Deployment", "campaign-web-blue")).isNotNull();
    }

    @Test
    void theInputIsLeftAsItWas() {
        List<Manifest> original = release();
        String before = ManifestYaml.write(original);
        BlueGreenLayout.of("campaign-web", Colour.GREEN, Colour.BLUE, Colour.BLUE).apply(original);
        assertThat(ManifestYaml.write(original)).isEqualTo(before);
    }

    @Test
    void aPreviewServiceGetsItsOwnAddress() {
        List<Manifest> laid = BlueGreenLayout.of("campaign-web", Colour.GREEN, Colour.BLUE, Colour.BLUE)
                .apply(release());
        Manifest preview = find(laid, "Service", "campaign-web-preview");
        assertThat(map(at(preview, "spec"))).doesNotContainKeys("clusterIP", "clusterIPs", "loadBalancerIP");
        assertThat((List<?>) at(preview, "spec", "ports")).allSatisfy(p -> assertThat(map(p))
                .doesNotContainKey("nodePort"));
    }

    @Test
    void aRenderWithoutTheAppsDeploymentCannotBeBlueGreen() {
        List<Manifest> withoutDeployment = release().stream().filter(m -> !m.kind().equals("Deployment")).toList();
        assertThatThrownBy(() -> BlueGreenLayout.of("campaign-web", Colour.BLUE, null, null).apply(withoutDeployment))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("strategy blue-green needs a Deployment named campaign-web in the render; this one has"
                        + " none");
    }

    @Test
    void coloursAreNamedAsInTheirObjects() {
        assertThat(Colour.BLUE.id()).isEqualTo("blue");
        assertThat(Colour.BLUE.other()).isEqualTo(Colour.GREEN);
        assertThat(Colour.fromId("green")).isEqualTo(Colour.GREEN);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    private static Map<String, Object> withoutColour(Map<String, Object> selector) {
        Map<String, Object> copy = new LinkedHashMap<>(selector);
        copy.remove(BlueGreenLayout.COLOUR);
        return copy;
    }
}
