package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.paycli.core.render.ManifestYaml;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in agent type as examples/agent renders it: the agent's own manifests, its least privilege included. */
class AgentTemplateTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String[] APP_TYPES = {"batch", "spring-boot-api", "web", "worker"};

    @TempDir
    Path tmp;

    @Test
    void everyEnvironmentPassesStrictValidation() {
        for (String env : Examples.ENVS) {
            Cli.Result r = Cli.run("validate", "-f", Examples.dir("agent").toString(), "-e", env, "-t", "1.0.0",
                    "--strict");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).contains("0 errors, 0 warnings");
        }
    }

    @Test
    void eachNamespaceGetsARoleWithExactlyWhatPaycliRbacPrintsForTheBuiltInTypes() {
        Set<String> needed = new TreeSet<>();
        for (String type : APP_TYPES) {
            for (String env : Examples.ENVS) {
                Cli.Result printed = Cli.run("rbac", "-f", Examples.dir(type).toString(), "-e", env);
                assertThat(printed.exit()).as(printed.toString()).isZero();
                docs(printed.out(), "Role").forEach(d -> needed.addAll(grants(as(d, Role.class).getRules())));
            }
        }
        assertThat(needed).contains("apps/deployments:patch", "coordination.k8s.io/leases:update",
                "batch/cronjobs:create", "/secrets:list");

        List<Map<String, Object>> all = render("beta");
        assertThat(all).extracting(d -> d.get("kind")).doesNotContain("ClusterRole", "ClusterRoleBinding", "Secret");
        List<Role> roles = docs(all, "Role").stream().map(d -> as(d, Role.class)).toList();
        assertThat(roles).extracting(r -> r.getMetadata().getNamespace())
                .containsExactly("settlement-beta", "promotion-beta", "points-beta");
        for (Role role : roles) {
            assertThat(grants(role.getRules())).as(role.getMetadata().getNamespace()).isEqualTo(needed);
        }
        List<RoleBinding> bindings = docs(all, "RoleBinding").stream().map(d -> as(d, RoleBinding.class)).toList();
        assertThat(bindings).hasSize(3).allSatisfy(b -> {
            Role bound = roles.stream().filter(r -> r.getMetadata().getNamespace().equals(b.getMetadata().getNamespace()))
                    .findFirst().orElseThrow();
            assertThat(b.getRoleRef().getKind()).isEqualTo("Role");
            assertThat(b.getRoleRef().getName()).isEqualTo(bound.getMetadata().getName());
            assertThat(b.getSubjects()).singleElement().satisfies(s -> {
                assertThat(s.getKind()).isEqualTo("ServiceAccount");
                assertThat(s.getName()).isEqualTo("paycli-agent");
                assertThat(s.getNamespace()).isEqualTo("paycli-agent");
            });
        });
        // Everything else stays in the agent's own namespace.
        assertThat(all).filteredOn(d -> !List.of("Role", "RoleBinding").contains(d.get("kind")))
                .allSatisfy(d -> assertThat(child(d, "metadata")).containsEntry("namespace", "paycli-agent"));
        assertThat(docs(all, "ServiceAccount")).singleElement()
                .satisfies(d -> assertThat(child(d, "metadata")).containsEntry("name", "paycli-agent"));
    }

    @Test
    void thePodRunsUnprivilegedOnAReadOnlyRootWithItsConfigMountedAndItsSecretsReferenced() {
        List<Map<String, Object>> beta = render("beta");
        Deployment deployment = as(docs(beta, "Deployment").get(0), Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container agent = pod.getContainers().get(0);
        assertThat(agent.getCommand()).isEmpty();
        assertThat(agent.getArgs()).containsExactly("agent", "serve", "--config", "/etc/paycli-agent/agent.yaml");
        assertThat(agent.getImage()).isEqualTo("registry.example.com/platform/paycli-agent:1.0.0");
        assertThat(pod.getServiceAccountName()).isEqualTo("paycli-agent");

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(agent.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(agent.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(agent.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(agent.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(agent.getResources().getLimits()).containsKey("memory");

        assertThat(agent.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(8470);
        });
        assertThat(agent.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(agent.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/port", "8470")
                .containsEntry("prometheus.io/path", "/metrics");

        // The config is the ConfigMap made from config/agent.yaml, where --config looks for it.
        ConfigMap config = as(docs(beta, "ConfigMap").get(0), ConfigMap.class);
        assertThat(config.getData().get("agent.yaml")).contains("listen: 0.0.0.0:8470", "dataDir: /var/lib/paycli-agent");
        assertThat(mountOf(pod, agent, "/etc/paycli-agent").getConfigMap().getName())
                .isEqualTo(config.getMetadata().getName());
        // The only writable places: the data directory (the claim in beta) and /tmp.
        assertThat(mountOf(pod, agent, "/var/lib/paycli-agent").getPersistentVolumeClaim().getClaimName())
                .isEqualTo("paycli-agent-data");
        assertThat(mountOf(pod, agent, "/tmp").getEmptyDir()).isNotNull();
        assertThat(agent.getVolumeMounts()).hasSize(3);

        // Release: PostgreSQL, whose password comes from a Secret that paycli refers to and never renders.
        List<Map<String, Object>> release = render("release");
        Container releaseAgent = as(docs(release, "Deployment").get(0), Deployment.class).getSpec().getTemplate()
                .getSpec().getContainers().get(0);
        EnvVar password = releaseAgent.getEnv().stream().filter(e -> e.getName().equals("PAYCLI_AGENT_DB_PASSWORD"))
                .findFirst().orElseThrow();
        assertThat(password.getValue()).isNull();
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("paycli-agent-db");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        assertThat(releaseAgent.getEnv()).filteredOn(e -> e.getName().startsWith("PAYCLI_CLIENT_"))
                .extracting(e -> e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey())
                .containsExactly("paycli-agent-clients/ci-promotion", "paycli-agent-clients/ci-settlement");
        assertThat(as(docs(release, "ConfigMap").get(0), ConfigMap.class).getData().get("agent.yaml"))
                .contains("databasePasswordEnv: PAYCLI_AGENT_DB_PASSWORD");
        assertThat(release).extracting(d -> d.get("kind")).doesNotContain("Secret");
    }

    @Test
    void onlyCiAndTheMetricsScraperMayConnectAndADrainIsNeverBlocked() {
        List<Map<String, Object>> beta = render("beta");
        NetworkPolicy policy = as(docs(beta, "NetworkPolicy").get(0), NetworkPolicy.class);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/instance", "paycli-agent");
        assertThat(policy.getSpec().getIngress()).hasSize(2).allSatisfy(rule ->
                assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(8470)));
        NetworkPolicyPeer ci = policy.getSpec().getIngress().get(0).getFrom().get(0);
        assertThat(ci.getIpBlock().getCidr()).isEqualTo("10.20.0.0/16");
        NetworkPolicyPeer scraper = policy.getSpec().getIngress().get(1).getFrom().get(0);
        assertThat(scraper.getNamespaceSelector().getMatchLabels())
                .containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring"));
        assertThat(scraper.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "prometheus");

        PodDisruptionBudget pdb = as(docs(beta, "PodDisruptionBudget").get(0), PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getMinAvailable()).isNull();
    }

    @Test
    void anAgentWithoutNamespacesIsRefusedInOneLine() {
        Path app = Examples.copy("agent", tmp.resolve("agent"));
        Examples.replaceIn(app.resolve("paycli.yaml"), "namespaces: [settlement-beta, promotion-beta, points-beta]",
                "namespaces: []");
        Cli.Result r = Cli.run("render", "-f", app.toString(), "-e", "beta", "-t", "1.0.0");
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().lines().filter(l -> l.startsWith("error:"))).singleElement().asString()
                .contains("namespaces");
        assertThat(r.err()).doesNotContain("Exception");
    }

    private static List<Map<String, Object>> render(String env) {
        Cli.Result r = Cli.run("render", "-f", Examples.dir("agent").toString(), "-e", env, "-t", "1.0.0");
        assertThat(r.exit()).as(r.toString()).isZero();
        return ManifestYaml.read(r.out(), "agent " + env);
    }

    private static List<Map<String, Object>> docs(String yaml, String kind) {
        return docs(ManifestYaml.read(yaml, kind), kind);
    }

    private static List<Map<String, Object>> docs(List<Map<String, Object>> all, String kind) {
        return all.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static <T> T as(Map<String, Object> doc, Class<T> type) {
        return SERIALIZATION.convertValue(doc, type);
    }

    /** Every rule as group/resource:verb. */
    private static Set<String> grants(List<PolicyRule> rules) {
        Set<String> grants = new TreeSet<>();
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    rule.getVerbs().forEach(verb -> grants.add(group + "/" + resource + ":" + verb));
                }
            }
        }
        return grants;
    }

    private static Volume mountOf(PodSpec pod, Container container, String path) {
        VolumeMount mount = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path))
                .findFirst().orElseThrow(() -> new AssertionError("nothing is mounted at " + path));
        return pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }
}
