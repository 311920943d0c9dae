package io.paycli.core.deploy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import io.paycli.sandbox.SandboxUsers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sandbox with token users and RBAC: an admin client (system:masters) to arrange and inspect, and a
 * DeployService per user that reaches the sandbox with that user's token through a kubeconfig.
 */
final class RbacFixture implements AutoCloseable {
    static final String USERS = String.join("\n",
            "admin-token,admin,1,system:masters",
            "ci-token,ci,2,deployers",
            "viewer-token,viewer,3",
            "fresh-token,fresh,4",
            "");

    final Sandbox sandbox;
    final KubernetesClient admin;
    final List<DeployEvent> events = new CopyOnWriteArrayList<>();
    private final Path dir;

    RbacFixture(Path dir) {
        this.dir = dir;
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100))
                .withProgressDeadline(Duration.ofSeconds(2)), SandboxUsers.parse(USERS, "tokens"));
        Path kubeconfig = sandbox.writeKubeconfig(dir.resolve("admin.kubeconfig"), Sandbox.DEFAULT_CONTEXT);
        admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig.toFile())).build();
    }

    /** A DeployService that acts as the user of the token. */
    DeployService serviceAs(String token) {
        Path kubeconfig = sandbox.writeKubeconfig(dir.resolve(token + ".kubeconfig"), Sandbox.DEFAULT_CONTEXT, token);
        return new DeployService(Catalog::builtin, new TemplateEngine(), new KubeconfigConnector(kubeconfig),
                List.of(), Clock.systemUTC());
    }

    void createNamespace(String name) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
    }

    /** Binds a user to a ClusterRole (edit, view, ...) in one namespace. */
    void bindClusterRole(String namespace, String user, String clusterRole) {
        bind(namespace, user, "ClusterRole", clusterRole);
    }

    void bind(String namespace, String user, String roleKind, String role) {
        admin.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder()
                .withNewMetadata().withName(user + "-" + role).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", roleKind, role)
                .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(user).endSubject()
                .build()).create();
    }

    @Override
    public void close() {
        admin.close();
        sandbox.close();
    }
}
