package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** paycli rbac: the least-privilege Role of an app, without a cluster. */
class RbacCommandTest {

    @Test
    void printsTheRoleOfTheRenderedKindsForTheDefaultServiceAccount() {
        Cli.Result r = Cli.run("rbac", "-f", Examples.dir("web").toString(), "-e", "release");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n")
                .contains("name: paycli-deploy-campaign-web", "namespace: promotion", "- horizontalpodautoscalers",
                        "- ingresses", "- leases", "- secrets", "kind: RoleBinding", "kind: ServiceAccount",
                        "name: paycli-deployer")
                .doesNotContain("ClusterRole", "rolebindings", "'*'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void withCreateNamespaceAlsoAClusterRoleForNamespacesAsJson() {
        Cli.Result r = Cli.run("rbac", "-f", Examples.dir("web").toString(), "-e", "beta", "--group", "deployers",
                "--create-namespace", "-o", "json");
        assertThat(r.exit()).as(r.toString()).isZero();
        Map<String, Object> list = JsonMapper.shared().readValue(r.out(), Map.class);
        List<Map<String, Object>> items = (List<Map<String, Object>>) list.get("items");
        assertThat(items).extracting(i -> i.get("kind"))
                .containsExactly("Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding");
        assertThat(items.get(2).get("rules")).isEqualTo(List.of(Map.of("apiGroups", List.of(""),
                "resources", List.of("namespaces"), "verbs", List.of("get", "create"))));
        assertThat(items.get(3).get("subjects")).isEqualTo(List.of(Map.of("kind", "Group", "name", "deployers",
                "apiGroup", "rbac.authorization.k8s.io")));
    }

    @Test
    void oneSubjectAtATimeAndAServiceAccountWithItsNamespace() {
        Cli.Result two = Cli.run("rbac", "-f", Examples.dir("web").toString(), "-e", "beta", "--user", "a",
                "--group", "b");
        assertThat(two.exit()).isEqualTo(3);
        assertThat(two.err()).isEqualTo("error: give one of --user, --group and --service-account\n");
        Cli.Result bad = Cli.run("rbac", "-f", Examples.dir("web").toString(), "-e", "beta", "--service-account",
                "deployer");
        assertThat(bad.exit()).isEqualTo(3);
        assertThat(bad.err()).startsWith("error: --service-account deployer: expected NAMESPACE:NAME");
    }
}
