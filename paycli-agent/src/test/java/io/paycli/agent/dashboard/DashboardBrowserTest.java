package io.paycli.agent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.paycli.agent.Agent;
import io.paycli.agent.ExampleApps;
import io.paycli.agent.auth.RequestSigner;
import io.paycli.agent.client.AgentClient;
import io.paycli.agent.client.AgentRefusedException;
import io.paycli.agent.client.JobView;
import io.paycli.agent.config.AgentConfig;
import io.paycli.agent.config.AgentConfigLoader;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromium-driver, which bin/test installs), against a
 * real agent deploying into a sandbox: what a viewer sees, live, and what someone without a session does not.
 * One agent and one browser for the class; each test logs in afresh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
    private static final String KEY = "k3y-of-ci-ops-0123456789abcdef0123";
    private static final String VIEWER_TOKEN = "viewer-token-of-ops-0123456789abcdef";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;

    private Sandbox sandbox;
    private Agent agent;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        // Each rollout takes seconds, so that a running job can be opened while it runs.
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofSeconds(5))
                .withProgressDeadline(Duration.ofSeconds(60)));
        Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"), "beta-cluster");
        try (KubernetesClient cluster = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(sandbox.url()).withOauthToken("sandbox").build()).build()) {
            cluster.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("promotion-beta")
                    .endMetadata().build()).create();
        }
        Path yaml = tmp.resolve("agent.yaml");
        Files.writeString(yaml, """
                listen: 127.0.0.1:0
                dataDir: data
                workers: 2
                shutdownGrace: 5s
                clients:
                  - id: ci-ops
                    secretEnv: CI_KEY
                    allow: [{apps: ["*"], envs: ["*"]}]
                dashboard:
                  viewers:
                    - id: ops
                      tokenEnv: VIEWER_TOKEN
                """);
        AgentConfig config = new AgentConfigLoader().load(yaml);
        DeployService deploys = new DeployService(Catalog::builtin, new TemplateEngine(),
                new KubeconfigConnector(kubeconfig), List.of(), Clock.systemUTC());
        agent = Agent.start(config, Map.of("CI_KEY", KEY, "VIEWER_TOKEN", VIEWER_TOKEN), deploys, "dashboard-test",
                Clock.systemUTC());

        JobView deployed = client(KEY).submit(bundle(), "beta", "1.0.0", false, "first");
        awaitState(deployed.id(), "SUCCEEDED");
        // A request with a bad signature, which the audit log records as refused.
        assertThatThrownBy(() -> client("not-the-key-of-ci-ops-0123456789abcdef").releases(null))
                .isInstanceOf(AgentRefusedException.class);

        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(installed(CHROMEDRIVER))
                .build(), options());
        wait = new WebDriverWait(browser, PATIENCE);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (agent != null) {
            agent.stop();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aViewerSeesTheDeployedAppWithItsVersion() throws IOException {
        logIn();

        String release = "#releases-table tr[data-app='campaign-web'][data-env='beta']";
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(release)));

        List<String> cells = rows(release).get(0).cells();
        assertThat(cells.get(2)).isEqualTo("1.0.0"); // Version
        assertThat(cells.get(5)).isEqualTo("ci-ops"); // By
        assertThat(cells.get(7)).as("Healthy: the sandbox's pods are ready").isEqualTo("yes");
        screenshot("releases");
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(release)));
            screenshot("releases-phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    void aRunningJobsLogArrivesLiveOnItsPage() throws Exception {
        logIn();
        JobView job = client(KEY).submit(bundle(), "beta", "1.1.0", false, "second");
        awaitState(job.id(), "RUNNING");

        browser.get(agent.url() + "/#/jobs?app=campaign-web");
        By link = By.cssSelector("tr[data-job-id='" + job.id() + "'] a.job-link");
        wait.until(ExpectedConditions.elementToBeClickable(link));
        screenshot("jobs");
        browser.findElement(link).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test='log-line']")));
        String stateWhenOpened = browser.findElement(By.id("job-state")).getText();
        String logWhenOpened = browser.findElement(By.id("job-log")).getText();
        int linesWhenOpened = browser.findElements(By.cssSelector("[data-test='log-line']")).size();
        screenshot("job-running");

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-state"), "succeeded"));

        assertThat(stateWhenOpened).isEqualTo("running");
        assertThat(logWhenOpened).doesNotContain("==> deployed");
        String log = browser.findElement(By.id("job-log")).getText();
        assertThat(log).contains("==> deployed campaign-web 1.1.0 to beta");
        assertThat(browser.findElements(By.cssSelector("[data-test='log-line']"))).hasSizeGreaterThan(linesWhenOpened);
        assertThat(browser.findElement(By.id("job-exit")).getText()).isEqualTo("0");
        browser.findElement(By.cssSelector("#job-manifests summary")).click();
        assertThat(browser.findElement(By.id("job-manifests-yaml")).getText()).contains("kind: Deployment")
                .doesNotContain("==>");
        screenshot("job-finished");

        browser.get(agent.url() + "/#/jobs");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("jobs-table")));
        new Select(browser.findElement(By.id("filter-state"))).selectByValue("FAILED");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("jobs-empty")));
        new Select(browser.findElement(By.id("filter-state"))).selectByValue("SUCCEEDED");
        wait.until(ExpectedConditions.urlContains("state=SUCCEEDED"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("jobs-table")));
        assertThat(rows("#jobs-table tr[data-test='job']")).hasSize(2)
                .allSatisfy(r -> assertThat(r.cells()).contains("succeeded", "ci-ops", "campaign-web"));
    }

    @Test
    void theAuditViewHighlightsARefusedRequest() throws IOException {
        logIn();
        browser.get(agent.url() + "/#/audit");
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#audit-table tr[data-decision='refused']")));

        List<Row> all = rows("#audit-table tr[data-test='audit-entry']");
        assertThat(all).filteredOn(r -> r.cells().contains("bad-signature")).singleElement().satisfies(r -> {
            assertThat(r.decision()).isEqualTo("refused");
            assertThat(r.classes()).contains("refused");
            assertThat(r.cells()).contains("ci-ops", "GET /api/v1/releases");
        });
        assertThat(all).filteredOn(r -> r.decision().equals("accepted")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.classes()).doesNotContain("refused"));
        screenshot("audit");

        browser.findElement(By.id("audit-refused-only")).click();
        wait.until(ExpectedConditions.urlContains("refused=true"));
        wait.until(d -> d.findElements(By.cssSelector("#audit-table tr[data-decision='accepted']")).isEmpty());

        assertThat(rows("#audit-table tr[data-test='audit-entry']")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.classes()).contains("refused"));
        screenshot("audit-refused-only");
    }

    @Test
    void withoutASessionThePageAsksForATokenAndTheApiAnswers401() throws Exception {
        browser.get(agent.url() + "/");
        browser.manage().deleteAllCookies();
        browser.navigate().refresh();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("[data-test='release']"))).isEmpty();
        browser.findElement(By.id("token")).sendKeys("not-a-viewer-token-0123456789abcdef");
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "not a viewer token"));
        assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
        screenshot("login-refused");

        for (String path : List.of("/api/v1/releases", "/api/v1/deployments", "/api/v1/audit")) {
            assertThat(get(agent.url() + path).statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void thePageFilesComeWithTheirTypesAndNothingElseIsServed() throws Exception {
        String base = agent.url().toString();

        assertThat(contentType(base + "/")).isEqualTo("text/html;charset=utf-8");
        assertThat(contentType(base + "/dashboard/app.js")).isEqualTo("text/javascript;charset=utf-8");
        assertThat(contentType(base + "/dashboard/style.css")).isEqualTo("text/css;charset=utf-8");
        for (String path : List.of("/dashboard/missing.js", "/dashboard/..%2F..%2Fio%2Fpaycli%2Fagent%2FAgent.class",
                "/dashboard/%2e%2e%2fagent.yaml", "/dashboard/..%2Fdashboard%2Fapp.js", "/dashboard/",
                "/dashboard/index.html.bak")) {
            HttpResponse<String> response = get(base + path);
            // Jetty itself refuses some encoded separators (400); the rest reach the page and find nothing.
            assertThat(response.statusCode()).as(path).isIn(400, 404);
            assertThat(response.body()).as(path).doesNotContain("import ").doesNotContain("listen:");
        }
        assertThat(DashboardPage.type("app.js")).hasValue("text/javascript; charset=utf-8");
        for (String name : List.of("../app.js", "..", "a/app.js", "a\\app.js", ".hidden.js", "app.JS.class",
                "app", "App.js", "app..js")) {
            assertThat(DashboardPage.type(name)).as(name).isEmpty();
        }
    }

    private void logIn() throws IOException {
        browser.get(agent.url() + "/");
        browser.manage().deleteAllCookies();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(VIEWER_TOKEN);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        assertThat(browser.findElement(By.id("login")).isDisplayed()).isFalse();
    }

    /** A table's rows read in one go in the page: a list that refreshes itself cannot change under the reading. */
    private record Row(String classes, String decision, List<String> cells) {
    }

    @SuppressWarnings("unchecked")
    private List<Row> rows(String css) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) browser.executeScript(
                "return [...document.querySelectorAll(arguments[0])].map(r => ({classes: r.className, "
                        + "decision: r.dataset.decision || '', cells: [...r.cells].map(c => c.innerText.trim())}))",
                css);
        return rows.stream().map(r -> new Row((String) r.get("classes"), (String) r.get("decision"),
                (List<String>) r.get("cells"))).toList();
    }

    private void screenshot(String name) throws IOException {
        Path target = Path.of("target", "dashboard-" + name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The response's Content-Type, as Jetty writes it (without the space before charset). */
    private String contentType(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = get(url);
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.headers().firstValue("Content-Type").orElse("").replace("; ", ";");
    }

    private void awaitState(String id, String state) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String now;
        while (!(now = client(KEY).status(id).state()).equals(state)) {
            if (System.nanoTime() > deadline || (!now.equals("QUEUED") && !now.equals("RUNNING"))) {
                throw new AssertionError("job " + id + " is " + now + ", not " + state);
            }
            Thread.sleep(200);
        }
    }

    private static ChromeOptions options() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(installed(CHROMIUM));
        // --no-sandbox: CI runs as root, where Chromium's own sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        return options;
    }

    private static File installed(Path program) {
        if (!Files.isExecutable(program)) {
            throw new IllegalStateException(program + " is missing: install Debian's chromium and chromium-driver "
                    + "(bin/test does)");
        }
        return program.toFile();
    }

    private static RequestSigner signer(String key) {
        return new RequestSigner("ci-ops", key.getBytes(StandardCharsets.UTF_8), Clock.systemUTC(),
                new SecureRandom());
    }

    private AgentClient client(String key) {
        return new AgentClient(agent.url(), signer(key), Duration.ofSeconds(10));
    }

    private byte[] bundle() {
        return ExampleApps.pack(ExampleApps.copy("web", tmp.resolve("app-" + System.nanoTime())));
    }
}
