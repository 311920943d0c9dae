package io.paycli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sandbox with a token file: bearer tokens, RBAC from the stored roles, and kubectl 1.32 as the judge. */
class RbacTest {

    private static final String TOKENS = String.join("\n",
            "admin-token,alice,1,\"system:masters,ops\"",
            "edit-token,ci,2,deployers",
            "view-token,viewer,3",
            "nobody-token,nobody,4",
            "");

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private Kubectl kubectl;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(0, SandboxSettings.defaults(), SandboxUsers.parse(TOKENS, "tokens.csv"));
        kubectl = new Kubectl(sandbox.writeKubeconfig(dir.resolve("kubeconfig")), dir);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aRequestWithoutAKnownTokenIsUnauthorized() throws Exception {
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        java.security.KeyStore trusted = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        trusted.load(null, null);
        try (var cert = Sandbox.class.getResourceAsStream("sandbox-tls.crt")) {
            trusted.setCertificateEntry("sandbox", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(cert));
        }
        var trust = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        tls.init(null, trust.getTrustManagers(), null);
        var client = java.net.http.HttpClient.newBuilder().sslContext(tls).build();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.url() + "/api/v1/namespaces"));
        var none = client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(Json.parse(none.body())).containsEntry("reason", "Unauthorized").containsEntry("message", "Unauthorized");
        var withToken = client.send(request.header("Authorization", "Bearer view-token").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(403);
        assertThat(withToken.body()).contains("namespaces is forbidden: User \\\"viewer\\\" cannot list resource "
                + "\\\"namespaces\\\" in API group \\\"\\\" at the cluster scope");
    }

    @Test
    void theKubeconfigCarriesTheFirstMastersToken() throws Exception {
        assertThat(Files.readString(dir.resolve("kubeconfig"))).contains("token: admin-token");
    }

    @Test
    void editCanDeployButNotReadRolesAndViewCannotWriteOrReadSecrets() throws Exception {
        assertThat(Kubectl.installed()).as("kubectl 1.32 on PATH: the tests judge the sandbox by it").isTrue();
        Kubectl.Result ns = kubectl.run("create", "namespace", "shop");
        assertThat(ns.exit()).as(ns.toString()).isZero();
        bind("ci", "edit");
        bind("viewer", "view");

        Kubectl.Result canPatch = kubectl.run("--token=edit-token", "auth", "can-i", "patch", "deployments", "-n", "shop");
        assertThat(canPatch.exit()).as(canPatch.toString()).isZero();
        assertThat(canPatch.out().trim()).isEqualTo("yes");
        Kubectl.Result elsewhere = kubectl.run("--token=edit-token", "auth", "can-i", "patch", "deployments", "-n", "default");
        assertThat(elsewhere.exit()).as(elsewhere.toString()).isEqualTo(1);
        assertThat(elsewhere.out().trim()).isEqualTo("no");
        Kubectl.Result roles = kubectl.run("--token=edit-token", "auth", "can-i", "list", "roles", "-n", "shop");
        assertThat(roles.out().trim()).isEqualTo("no");
        Kubectl.Result scale = kubectl.run("--token=edit-token", "auth", "can-i", "update", "deployments/scale", "-n", "shop");
        assertThat(scale.out().trim()).isEqualTo("yes");

        Path map = Files.createTempFile(dir, "map", ".yaml");
        Files.writeString(map, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\n");
        Kubectl.Result created = kubectl.run("--token=edit-token", "apply", "--server-side", "--validate=false", "-f",
                map.toString());
        assertThat(created.exit()).as(created.toString()).isZero();
        Kubectl.Result listRoles = kubectl.run("--token=edit-token", "get", "roles", "-n", "shop");
        assertThat(listRoles.exit()).isEqualTo(1);
        assertThat(listRoles.err()).contains("roles.rbac.authorization.k8s.io is forbidden: User \"ci\" cannot list "
                + "resource \"roles\" in API group \"rbac.authorization.k8s.io\" in the namespace \"shop\"");

        Kubectl.Result viewGet = kubectl.run("--token=view-token", "get", "configmap", "settings", "-n", "shop");
        assertThat(viewGet.exit()).as(viewGet.toString()).isZero();
        Kubectl.Result viewSecrets = kubectl.run("--token=view-token", "get", "secrets", "-n", "shop");
        assertThat(viewSecrets.exit()).isEqualTo(1);
        assertThat(viewSecrets.err()).contains("User \"viewer\" cannot list resource \"secrets\"");
        Kubectl.Result viewDelete = kubectl.run("--token=view-token", "delete", "configmap", "settings", "-n", "shop");
        assertThat(viewDelete.exit()).isEqualTo(1);
        assertThat(viewDelete.err()).contains("configmaps \"settings\" is forbidden: User \"viewer\" cannot delete "
                + "resource \"configmaps\" in API group \"\" in the namespace \"shop\"");

        Kubectl.Result nobodyPods = kubectl.run("--token=nobody-token", "get", "pods", "-n", "shop");
        assertThat(nobodyPods.exit()).isEqualTo(1);
        assertThat(nobodyPods.err()).contains("User \"nobody\" cannot list resource \"pods\"");
        Kubectl.Result badToken = kubectl.run("--token=wrong", "get", "pods", "-n", "shop");
        assertThat(badToken.exit()).isEqualTo(1);
        assertThat(badToken.err()).containsIgnoringCase("unauthorized");
    }

    @Test
    void rolesResourceNamesGroupsAndApplyThatCreates() throws Exception {
        assertThat(Kubectl.installed()).as("kubectl 1.32 on PATH: the tests judge the sandbox by it").isTrue();
        Kubectl.Result ns = kubectl.run("create", "namespace", "shop");
        assertThat(ns.exit()).as(ns.toString()).isZero();
        // kubectl create sends these as protobuf.
        Kubectl.Result role = kubectl.run("create", "role", "one-map", "-n", "shop", "--verb=get,patch",
                "--resource=configmaps", "--resource-name=settings");
        assertThat(role.exit()).as(role.toString()).isZero();
        Kubectl.Result binding = kubectl.run("create", "rolebinding", "one-map", "-n", "shop", "--role=one-map",
                "--group=deployers");
        assertThat(binding.exit()).as(binding.toString()).isZero();
        Kubectl.Result stored = kubectl.run("get", "role", "one-map", "-n", "shop", "-o",
                "jsonpath={.rules[0].resourceNames[0]} {.rules[0].verbs}");
        assertThat(stored.out()).isEqualTo("settings [\"get\",\"patch\"]");
        assertThat(kubectl.run("--token=edit-token", "auth", "can-i", "get", "configmaps/settings", "-n", "shop")
                .out().trim()).isEqualTo("yes");
        assertThat(kubectl.run("--token=edit-token", "auth", "can-i", "get", "configmaps/other", "-n", "shop")
                .out().trim()).isEqualTo("no");
        assertThat(kubectl.run("--token=edit-token", "auth", "can-i", "list", "configmaps", "-n", "shop")
                .out().trim()).isEqualTo("no");

        // Server-side apply of a missing object needs create as well as patch.
        Path map = dir.resolve("settings.yaml");
        Files.writeString(map, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\n"
                + "data: {a: b}\n");
        Kubectl.Result apply = kubectl.run("--token=edit-token", "apply", "--server-side", "--validate=false", "-f",
                map.toString());
        assertThat(apply.exit()).as(apply.toString()).isEqualTo(1);
        assertThat(apply.err()).contains("User \"ci\" cannot create resource \"configmaps\"");
        assertThat(kubectl.run("apply", "--server-side", "--validate=false", "-f", map.toString()).exit()).isZero();
        Kubectl.Result again = kubectl.run("--token=edit-token", "apply", "--server-side", "--validate=false",
                "--force-conflicts", "-f", map.toString());
        assertThat(again.exit()).as(again.toString()).isZero();
    }

    private void bind(String user, String clusterRole) throws Exception {
        Kubectl.Result bound = kubectl.run("create", "rolebinding", user + "-" + clusterRole, "-n", "shop",
                "--clusterrole=" + clusterRole, "--user=" + user);
        assertThat(bound.exit()).as(bound.toString()).isZero();
    }
}
