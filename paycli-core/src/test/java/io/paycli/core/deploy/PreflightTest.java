package io.paycli.core.deploy;

import static io.paycli.core.deploy.SandboxFixture.options;
import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.paycli.core.error.ClusterException;
import io.paycli.core.error.DeployFailedException;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.Release.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The permission check before the lock, and the Role that paycli rbac prints: enough, and nothing less is. */
class PreflightTest {
    private static final String NS = "promotion-beta";

    @TempDir
    Path tmp;
    RbacFixture cluster;
    Path web;

    @BeforeEach
    void start() {
        cluster = new RbacFixture(tmp);
        cluster.createNamespace(NS);
        web = SandboxFixture.copyExample("web", tmp.resolve("web"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aViewUserIsRefusedBeforeAnythingChangesWithEveryMissingVerbNamed() {
        cluster.bindClusterRole(NS, "viewer", "view");
        DeployService viewer = cluster.serviceAs("viewer-token");

        assertThatThrownBy(() -> viewer.deploy(request(web, "beta", "1.0.0"), options(), cluster.events::add))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.exitCode()).isEqualTo(4))
                .hasMessageStartingWith("forbidden before any change: the user of context paycli-sandbox cannot ")
                .hasMessageContaining("patch configmaps", "create configmaps", "patch deployments.apps",
                        "delete ingresses.networking.k8s.io", "create leases.coordination.k8s.io", "list secrets")
                .hasMessageNotContaining("get configmaps")
                .hasMessageEndingWith("in namespace " + NS + "; ask for the Role that 'paycli rbac -e beta' prints");

        assertThat(cluster.admin.configMaps().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(cluster.admin.leases().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(cluster.admin.secrets().inNamespace(NS).list().getItems()).isEmpty();
        assertThatThrownBy(() -> viewer.diff(request(web, "beta", "1.0.0")))
                .isInstanceOf(ClusterException.class).hasMessageContaining("patch deployments.apps")
                .hasMessageNotContaining("delete");
    }

    @Test
    void aNamespaceWhereNothingIsGrantedIsNamedAsPerhapsMissing() {
        cluster.bindClusterRole(NS, "ci", "edit");
        io.paycli.core.model.DeployRequest elsewhere = new io.paycli.core.model.DeployRequest(web, "beta", "1.0.0",
                List.of(), io.paycli.sandbox.Sandbox.DEFAULT_CONTEXT, "nowhere");

        assertThatThrownBy(() -> cluster.serviceAs("ci-token").deploy(elsewhere, options(), cluster.events::add))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("in namespace nowhere (nothing there is granted: does namespace nowhere exist?)");
    }

    @Test
    void theRoleThatPaycliRbacPrintsIsEnoughForEverything() {
        List<Map<String, Object>> objects = rbacFor("fresh");
        objects.forEach(this::applyAsAdmin);
        DeployService fresh = cluster.serviceAs("fresh-token");

        assertThat(fresh.deploy(request(web, "beta", "1.0.0"), options(), cluster.events::add).release().result())
                .isEqualTo(Result.SUCCEEDED);
        assertThat(fresh.diff(request(web, "beta", "1.1.0", "ingress.enabled=false")).objects())
                .extracting(d -> d.ref().kind() + " " + d.change()).contains("Ingress DELETED");
        assertThat(fresh.deploy(request(web, "beta", "1.0.0", "ingress.enabled=false"), options(),
                cluster.events::add).pruned()).extracting(r -> r.kind()).containsExactly("Ingress");
        assertThatThrownBy(() -> fresh.deploy(request(web, "beta", "2.0.0-fail"), options(), cluster.events::add))
                .isInstanceOf(DeployFailedException.class).hasMessageContaining("rolled back to revision 2");
        assertThat(fresh.rollback(request(web, "beta", null), 1, options(), cluster.events::add).release().result())
                .isEqualTo(Result.SUCCEEDED);
        assertThat(fresh.status(request(web, "beta", null)).current().revision()).isEqualTo(4);
        assertThat(fresh.history(request(web, "beta", null)).releases()).hasSize(4);
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutAnyOneRequiredRuleThePreflightNamesIt() {
        List<Map<String, Object>> objects = rbacFor("fresh");
        Map<String, Object> role = objects.get(0);
        List<Map<String, Object>> rules = (List<Map<String, Object>>) role.get("rules");
        applyAsAdmin(objects.get(1));
        DeployService fresh = cluster.serviceAs("fresh-token");
        int checked = 0;
        for (int i = 0; i < rules.size(); i++) {
            Map<String, Object> rule = rules.get(i);
            List<String> resources = (List<String>) rule.get("resources");
            if (resources.contains("pods")) {
                continue; // pods and events are read for the progress output only, never required
            }
            List<Map<String, Object>> without = new ArrayList<>(rules);
            without.remove(i);
            Map<String, Object> smaller = new java.util.LinkedHashMap<>(role);
            smaller.put("rules", without);
            applyAsAdmin(smaller);

            PaycliException refused = org.junit.jupiter.api.Assertions.assertThrows(ClusterException.class,
                    () -> fresh.deploy(request(web, "beta", "1.0.0"), options(), cluster.events::add));
            String group = ((List<String>) rule.get("apiGroups")).get(0);
            for (String resource : resources) {
                for (String verb : (List<String>) rule.get("verbs")) {
                    String named = verb + " " + (group.isEmpty() ? resource : resource + "." + group);
                    assertThat(refused.getMessage()).as("without rule " + rule).contains(named);
                }
            }
            assertThat(cluster.admin.leases().inNamespace(NS).list().getItems()).isEmpty();
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(5);
        applyAsAdmin(role);
        assertThat(fresh.deploy(request(web, "beta", "1.0.0"), options(), cluster.events::add).release().result())
                .isEqualTo(Result.SUCCEEDED);
    }

    private List<Map<String, Object>> rbacFor(String user) {
        return cluster.serviceAs("admin-token").rbac(request(web, "beta", null), RbacPolicy.Subject.user(user), false);
    }

    private void applyAsAdmin(Map<String, Object> object) {
        GenericKubernetesResource resource = cluster.admin.getKubernetesSerialization()
                .convertValue(object, GenericKubernetesResource.class);
        cluster.admin.resource(resource).forceConflicts().serverSideApply();
    }
}
