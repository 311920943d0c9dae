package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's mistakes as bin/paycli reports them from the shaded jar: every error on its own line naming where and
 * what, the documented exit code, no stack trace.
 */
class ErrorMessagesIT {
    private static final Path POD_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    @TempDir
    Path home;
    Processes processes;
    Path app;

    @BeforeEach
    void initAWebProject() throws Exception {
        processes = new Processes(home);
        app = home.resolve("shop");
        Processes.Run init = processes.paycli("init", "--type", "web", "--app", "shop", "--dir", app.toString());
        assertThat(init.exit()).as(init.toString()).isZero();
    }

    private Processes.Run render(String... sets) throws Exception {
        List<String> args = new ArrayList<>(List.of("render", "-f", app.toString(), "-e", "beta", "-t", "1.0.0"));
        for (String set : sets) {
            args.add("--set");
            args.add(set);
        }
        return processes.paycli(args.toArray(String[]::new));
    }

    private static void assertNoTrace(Processes.Run r) {
        assertThat(r.err()).as(r.toString()).doesNotContain("\tat ", "Exception", "internal error");
    }

    @Test
    void everyValuesErrorIsListedWithACount() throws Exception {
        Processes.Run r = render("replicas=many", "replcas=2", "hpa.min=0");

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().lines().toList()).as(r.toString()).containsExactly(
                "error: --set replcas=2: replcas: unknown key (did you mean 'replicas'?)",
                "error: --set hpa.min=0: hpa.min: must have a minimum value of 1",
                "error: --set replicas=many: replicas: expected integer, got string \"many\"",
                "3 errors");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anIngressWithoutHostNamesTheUsersKey() throws Exception {
        Path yaml = app.resolve("paycli.yaml");
        String text = Files.readString(yaml);
        assertThat(text).contains("ingress: {enabled: true, host: shop.beta.example.com}");
        Files.writeString(yaml, text.replace("ingress: {enabled: true, host: shop.beta.example.com}",
                "ingress: {enabled: true}"));
        int line = text.lines().toList().indexOf("      ingress: {enabled: true, host: shop.beta.example.com}") + 1;

        Processes.Run r = render();

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).as(r.toString()).isEqualTo("error: " + yaml + ":" + line
                + ": environments.beta.values.ingress.host: required when ingress.enabled is true\n");
    }

    @Test
    void aBadMemoryQuantitySaysWhatAQuantityLooksLike() throws Exception {
        Processes.Run r = render("resources.limits.memory=1GB");

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).as(r.toString()).isEqualTo("error: --set resources.limits.memory=1GB:"
                + " resources.limits.memory: \"1GB\" is not a Kubernetes quantity; use a number with a suffix such as"
                + " 512Mi, 1Gi or 1G\n");
    }

    @Test
    void aDirectoryThatIsNoCatalogIsNamed() throws Exception {
        Path junk = home.resolve("junk");
        Files.createDirectories(junk.resolve("cache"));
        Files.write(junk.resolve("cache/blob"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3});
        Files.write(junk.resolve("dump"), new byte[] {(byte) 0x80});
        processes.env("PAYCLI_CATALOG", junk.toString());

        Processes.Run r = processes.paycli("templates", "list");

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertNoTrace(r);
        assertThat(r.err()).as(r.toString()).isEqualTo("error: " + junk + " is not a template catalog: it has no"
                + " folder with a template.yaml (a catalog holds one folder per project type, each with template.yaml,"
                + " values.yaml, values.schema.json and its templates)\n");

        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        Processes.Run system = processes.env("PAYCLI_CATALOG", tmp.toString()).paycli("templates", "list");
        assertThat(system.exit()).as(system.toString()).isEqualTo(3);
        assertThat(system.err()).as(system.toString()).startsWith("error: " + tmp + " is not a template catalog");
    }

    @Test
    void noKubeconfigSaysWhereItLookedAndWhatToDo() throws Exception {
        Processes.Run r = processes.paycli("status", "-f", app.toString(), "-e", "beta");

        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertNoTrace(r);
        if (Files.exists(POD_TOKEN) || System.getenv("KUBERNETES_SERVICE_HOST") != null) {
            // In a pod the service account stands in for a kubeconfig, as it should in production.
            assertThat(r.err()).as(r.toString()).doesNotContain("no kubeconfig");
        } else {
            // The first line names the target without a context: there is none to name.
            assertThat(r.err()).as(r.toString()).isEqualTo("==> target: shop (beta) in namespace shop-beta\n"
                    + "error: no kubeconfig at " + home.resolve(".kube").resolve("config") + " and KUBECONFIG is not"
                    + " set; point --kubeconfig or KUBECONFIG at one (" + Processes.LAUNCHER
                    + " sandbox writes ~/.paycli/sandbox.kubeconfig)\n");
        }
    }

    @Test
    void aDiffIntoANamespaceThatDoesNotExistYetShowsEverythingAsNew() throws Exception {
        Path kubeconfig = home.resolve(".paycli").resolve("sandbox.kubeconfig");
        Process sandbox = processes.start(Processes.JAR, "sandbox", "sandbox", "--port", "0");
        try {
            for (int i = 0; i < 300 && !Files.exists(kubeconfig); i++) {
                Thread.sleep(100);
            }
            assertThat(kubeconfig).as(processes.read("sandbox", "out")).exists();
            processes.env("KUBECONFIG", kubeconfig.toString());

            Processes.Run diff = processes.paycli("diff", "-f", app.toString(), "-e", "beta", "-t", "1.0.0",
                    "--exit-code");

            assertThat(diff.exit()).as(diff.toString()).isEqualTo(7);
            assertThat(diff.err()).as(diff.toString())
                    .contains("namespace shop-beta does not exist yet: every object is new; deploy with"
                            + " --create-namespace to create it");
            for (String kind : new String[] {"ConfigMap", "Service", "Deployment", "Ingress"}) {
                assertThat(diff.out()).as(diff.toString())
                        .contains("+++ rendered/" + kind + " shop-beta/shop", "\n+kind: " + kind + "\n");
            }
            assertThat(diff.out().lines().filter(l -> l.startsWith("-") && !l.startsWith("--- live/")))
                    .as("nothing removed").isEmpty();
            Processes.Run namespaces = processes.kubectl(kubeconfig, "get", "namespace", "shop-beta");
            assertThat(namespaces.exit()).as("the diff created nothing: " + namespaces).isNotZero();
        } finally {
            sandbox.destroy();
            assertThat(sandbox.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
