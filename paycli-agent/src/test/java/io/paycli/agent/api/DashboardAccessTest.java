package io.paycli.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.paycli.agent.Agent;
import io.paycli.agent.ExampleApps;
import io.paycli.agent.TestClock;
import io.paycli.agent.audit.AuditEntry;
import io.paycli.agent.audit.AuditFile;
import io.paycli.agent.auth.RequestSigner;
import io.paycli.agent.client.AgentClient;
import io.paycli.agent.client.JobView;
import io.paycli.agent.config.AgentConfigLoader;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import io.paycli.sandbox.Sandbox;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's access on a real agent deploying into a sandbox: viewers log in with a token and read with the
 * session cookie (or the token as a bearer), read everything and change nothing, and every login and refusal is
 * audited. One agent for the class, with one deploy by a CI client done first; its clock is moved by hand only to
 * let a session expire.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardAccessTest {
    private static final String CI_KEY = "k3y-of-ci-campaign-0123456789abcdef";
    private static final String OTHER_KEY = "k3y-of-ci-other-0123456789abcdef-xyz";
    private static final String ALICE = "alice-reads-the-dashboard-0123456789abcdef";
    private static final String BOB = "bob-reads-the-dashboard-from-a-file-0123456789";
    private static final JsonMapper JSON = JsonMapper.shared();

    private Path tmp;
    private Sandbox sandbox;
    private Agent agent;
    private final TestClock clock = new TestClock(Instant.now());
    private final HttpClient http = HttpClient.newHttpClient();
    private String jobId;

    @BeforeAll
    void deployOneAppAsCi(@TempDir Path dir) throws Exception {
        tmp = dir;
        sandbox = Sandbox.start(0);
        Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"), "beta-cluster");
        try (KubernetesClient cluster = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(sandbox.url()).withOauthToken("sandbox").build()).build()) {
            cluster.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("promotion-beta")
                    .endMetadata().build()).create();
        }
        Path bobToken = Files.writeString(tmp.resolve("bob.token"), BOB + "\n");
        Files.setPosixFilePermissions(bobToken, PosixFilePermissions.fromString("rw-------"));
        Path yaml = tmp.resolve("agent.yaml");
        Files.writeString(yaml, """
                listen: 127.0.0.1:0
                dataDir: data
                workers: 1
                shutdownGrace: 5s
                reconcileEvery: 0s
                clients:
                  - id: ci-campaign
                    secretEnv: CI_KEY
                    allow: [{apps: ["campaign-*"], envs: [beta]}]
                  - id: ci-other
                    secretEnv: OTHER_KEY
                    allow: [{apps: ["other-*"], envs: [beta]}]
                dashboard:
                  viewers:
                    - id: alice
                      tokenEnv: ALICE_TOKEN
                    - id: bob
                      tokenFile: bob.token
                """);
        DeployService deploys = new DeployService(Catalog::builtin, new TemplateEngine(),
                new KubeconfigConnector(kubeconfig), List.of(), Clock.systemUTC());
        agent = Agent.start(new AgentConfigLoader().load(yaml), Map.of("CI_KEY", CI_KEY, "OTHER_KEY", OTHER_KEY,
                "ALICE_TOKEN", ALICE), deploys, "agent-test", clock);

        byte[] bundle = ExampleApps.pack(ExampleApps.copy("web", tmp.resolve("campaign-web")));
        AgentClient ci = new AgentClient(agent.url(), signer("ci-campaign", CI_KEY), Duration.ofSeconds(10));
        jobId = ci.submit(bundle, "beta", "1.0.0", false, "deploy-1").id();
        ci.follow(jobId, 0, (n, line) -> { });
        JobView done = ci.status(jobId);
        assertThat(done.exitCode()).as(done.summary()).isZero();
    }

    @AfterAll
    void stop() {
        if (agent != null) {
            agent.stop();
        }
        sandbox.close();
    }

    private RequestSigner signer(String keyId, String key) {
        return new RequestSigner(keyId, key.getBytes(StandardCharsets.UTF_8), clock, new SecureRandom());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(agent.url().resolve(path)).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        return send(request(path).header("Cookie", cookie).GET());
    }

    private HttpResponse<String> login(String form) throws Exception {
        return send(request("/dashboard/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** Logs in as alice and returns the Cookie header a browser would send back. */
    private String aliceCookie() throws Exception {
        HttpResponse<String> response = login("token=" + ALICE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private List<AuditEntry> audit() {
        return new AuditFile(tmp.resolve("data/audit.jsonl")).read();
    }

    private static Object json(HttpResponse<String> response) {
        return JSON.readValue(response.body(), Object.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }

    @Test
    void aGoodTokenLogsInWithASessionCookieAndABadOneIsRefusedAndAudited() throws Exception {
        HttpResponse<String> good = login("token=" + ALICE);
        HttpResponse<String> bad = login("token=" + ALICE.replace('a', 'b'));
        HttpResponse<String> fromFile = send(request("/dashboard/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\": \"" + BOB + "\"}")));
        HttpResponse<String> notJson = send(request("/dashboard/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{token")));
        HttpResponse<String> empty = login("token=");

        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(json(good)).isEqualTo(Map.of("viewer", "alice", "expiresInSeconds", 28800));
        assertThat(good.headers().firstValue("Set-Cookie")).get().asString()
                .startsWith("paycli_session=alice:").contains("; Path=/", "; Max-Age=28800", "; HttpOnly",
                        "; SameSite=Strict").doesNotContain("Secure");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(json(bad)).isEqualTo(Map.of("error", "that token is no viewer's; check it against the agent's"
                + " dashboard.viewers", "reason", "bad-token"));
        assertThat(fromFile.statusCode()).as(fromFile.body()).isEqualTo(200);
        assertThat(fromFile.body()).contains("\"viewer\":\"bob\"");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("\"reason\":\"bad-request\"", "the login body is not JSON");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("\"reason\":\"no-credentials\"");
        assertThat(audit()).filteredOn(e -> "/dashboard/login".equals(e.path()))
                .extracting(AuditEntry::client, AuditEntry::decision, AuditEntry::reason)
                .contains(tuple("viewer:alice", AuditEntry.ACCEPTED, "login"),
                        tuple(null, AuditEntry.REFUSED, "bad-token"),
                        tuple("viewer:bob", AuditEntry.ACCEPTED, "login"),
                        tuple(null, AuditEntry.REFUSED, "bad-request"),
                        tuple(null, AuditEntry.REFUSED, "no-credentials"));
    }

    @Test
    void theSessionCookieReadsTheJobsTheAuditLogTheReleasesAndALogAsSse() throws Exception {
        String cookie = aliceCookie();

        HttpResponse<String> whoami = get("/api/v1/whoami", cookie);
        HttpResponse<String> jobs = get("/api/v1/deployments?app=campaign-web&env=beta&state=succeeded&limit=5",
                cookie);
        HttpResponse<String> none = get("/api/v1/deployments?state=failed", cookie);
        HttpResponse<String> releases = get("/api/v1/releases", cookie);
        HttpResponse<String> status = get("/api/v1/deployments/" + jobId, cookie);
        HttpResponse<String> log = send(request("/api/v1/deployments/" + jobId + "/log").header("Cookie", cookie)
                .header("Accept", "text/event-stream").GET());

        assertThat(json(whoami)).isEqualTo(Map.of("viewer", "alice"));
        assertThat(jobs.statusCode()).as(jobs.body()).isEqualTo(200);
        List<?> list = (List<?>) json(jobs);
        assertThat(list).hasSize(1);
        Map<String, Object> job = map(list.get(0));
        assertThat(job).containsEntry("id", jobId).containsEntry("client", "ci-campaign")
                .containsEntry("kind", "DEPLOY").containsEntry("dryRun", false).containsEntry("state", "SUCCEEDED")
                .containsEntry("app", "campaign-web").containsEntry("tag", "1.0.0");
        assertThat(((Number) job.get("durationMillis")).longValue()).isNotNegative();
        assertThat(json(none)).isEqualTo(List.of());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(map(json(status))).containsEntry("id", jobId).containsEntry("state", "SUCCEEDED");
        assertThat(releases.body()).contains("\"app\":\"campaign-web\"", "\"jobId\":\"" + jobId + "\"");
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.body()).contains("event: line", "==> deployed campaign-web 1.0.0 to beta", "event: end",
                "\"state\":\"SUCCEEDED\"");
        assertThat(audit()).filteredOn(e -> ("/api/v1/deployments/" + jobId + "/log").equals(e.path()))
                .extracting(AuditEntry::client, AuditEntry::decision).contains(tuple("viewer:alice",
                        AuditEntry.ACCEPTED));
    }

    @Test
    void theAuditLogShowsRefusedRequestsNewestFirst() throws Exception {
        String cookie = aliceCookie();
        send(request("/api/v1/releases").GET()); // refused: no credentials
        send(request("/api/v1/audit").header("Authorization", "Bearer not-a-viewer-token").GET());

        HttpResponse<String> refused = get("/api/v1/audit?refused=true&limit=2", cookie);
        HttpResponse<String> badLimit = get("/api/v1/audit?limit=0", cookie);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
        List<?> entries = (List<?>) json(refused);
        assertThat(entries).hasSize(2);
        assertThat(map(entries.get(0))).containsEntry("path", "/api/v1/audit").containsEntry("method", "GET")
                .containsEntry("decision", "refused").containsEntry("reason", "bad-token")
                .containsKeys("time", "client", "source", "app", "env", "tag");
        assertThat(map(entries.get(1))).containsEntry("path", "/api/v1/releases")
                .containsEntry("reason", "no-credentials");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.body()).contains("the query parameter limit must be a number from 1 to 1000, not 0");
    }

    @Test
    void aForgedOrExpiredCookieIsRefused() throws Exception {
        String cookie = aliceCookie();
        String forged = cookie.replace("paycli_session=alice:", "paycli_session=bob:");

        HttpResponse<String> asBob = get("/api/v1/deployments", forged);
        HttpResponse<String> garbage = get("/api/v1/deployments", "paycli_session=alice:99999999999:00");
        HttpResponse<String> fresh = get("/api/v1/deployments", cookie);
        clock.advance(Duration.ofHours(8).plusSeconds(1));
        HttpResponse<String> expired = get("/api/v1/deployments", cookie);

        assertThat(asBob.statusCode()).isEqualTo(401);
        assertThat(asBob.body()).contains("\"reason\":\"bad-session\"");
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(garbage.body()).contains("\"reason\":\"bad-session\"");
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired)).isEqualTo(Map.of("error", "the session has expired; log in again",
                "reason", "session-expired"));
        assertThat(audit()).filteredOn(e -> AuditEntry.REFUSED.equals(e.decision()))
                .extracting(AuditEntry::reason).contains("bad-session", "session-expired");
    }

    @Test
    void aViewerMayNotDeployRestoreOrCancel() throws Exception {
        String cookie = aliceCookie();

        HttpResponse<String> deploy = send(request("/api/v1/deployments?env=beta&tag=2.0.0").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString("not a bundle")));
        HttpResponse<String> restore = send(request("/api/v1/restore").header("Authorization", "Bearer " + ALICE)
                .POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> cancel = send(request("/api/v1/deployments/" + jobId + "/cancel")
                .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(List.of(deploy, restore, cancel)).extracting(HttpResponse::statusCode)
                .containsExactly(403, 403, 403);
        assertThat(json(deploy)).isEqualTo(Map.of("error", "viewer alice may only read; deployments, restores and"
                + " cancels are for signed CI clients", "reason", "read-only"));
        assertThat(audit()).filteredOn(e -> "read-only".equals(e.reason()))
                .extracting(AuditEntry::client, AuditEntry::method, AuditEntry::path)
                .contains(tuple("viewer:alice", "POST", "/api/v1/deployments"),
                        tuple("viewer:alice", "POST", "/api/v1/restore"),
                        tuple("viewer:alice", "POST", "/api/v1/deployments/" + jobId + "/cancel"));
        assertThat(get("/api/v1/deployments?state=queued", cookie).body()).isEqualTo("[]");
    }

    @Test
    void aViewerTokenWorksAsABearerAndAWrongOneDoesNot() throws Exception {
        HttpResponse<String> bearer = send(request("/api/v1/deployments").header("Authorization", "Bearer " + BOB)
                .GET());
        HttpResponse<String> wrong = send(request("/api/v1/deployments").header("Authorization", "Bearer " + BOB
                + "x").GET());
        HttpResponse<String> basic = send(request("/api/v1/whoami").header("Authorization", "Basic Ym9iOmJvYg==")
                .GET());

        assertThat(bearer.statusCode()).as(bearer.body()).isEqualTo(200);
        assertThat(bearer.body()).contains("\"id\":\"" + jobId + "\"");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("\"reason\":\"bad-token\"");
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    @Test
    void withoutCredentialsEveryReadIs401AndAudited() throws Exception {
        for (String path : List.of("/api/v1/deployments", "/api/v1/audit", "/api/v1/whoami", "/api/v1/releases",
                "/api/v1/deployments/" + jobId, "/api/v1/deployments/" + jobId + "/log")) {
            HttpResponse<String> response = send(request(path).GET());

            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(json(response)).as(path).asInstanceOf(MAP).containsEntry("reason", "no-credentials")
                    .containsKey("error");
            assertThat(audit()).last().as(path).extracting(AuditEntry::path, AuditEntry::decision,
                    AuditEntry::reason).containsExactly(path, AuditEntry.REFUSED, "no-credentials");
        }
    }

    @Test
    void aSignedClientStillReadsOnlyWhatItsGrantsCover() throws Exception {
        HttpResponse<String> campaign = signedGet("ci-campaign", CI_KEY, "/api/v1/deployments");
        HttpResponse<String> other = signedGet("ci-other", OTHER_KEY, "/api/v1/deployments");
        HttpResponse<String> whoami = signedGet("ci-other", OTHER_KEY, "/api/v1/whoami");
        HttpResponse<String> otherAudit = signedGet("ci-other", OTHER_KEY, "/api/v1/audit?limit=1000");

        assertThat(campaign.statusCode()).as(campaign.body()).isEqualTo(200);
        assertThat(campaign.body()).contains("\"id\":\"" + jobId + "\"");
        assertThat(json(other)).isEqualTo(List.of());
        assertThat(json(whoami)).isEqualTo(Map.of("client", "ci-other"));
        assertThat((List<?>) json(otherAudit)).isNotEmpty()
                .allSatisfy(e -> assertThat(map(e)).containsEntry("client", "ci-other"));
    }

    private HttpResponse<String> signedGet(String keyId, String key, String path) throws Exception {
        HttpRequest.Builder request = request(path).GET();
        signer(keyId, key).headers("GET", path, new byte[0]).forEach(request::header);
        return send(request);
    }

    @Test
    void logoutClearsTheCookie() throws Exception {
        HttpResponse<String> out = send(request("/dashboard/logout").header("Cookie", aliceCookie())
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.headers().firstValue("Set-Cookie")).get().asString()
                .startsWith("paycli_session=;").contains("Max-Age=0");
        assertThat(audit()).last().extracting(AuditEntry::client, AuditEntry::reason)
                .containsExactly("viewer:alice", "logout");
    }
}
