package io.paycli.core.deploy;

import static io.paycli.core.deploy.RestoreFixture.objects;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.paycli.core.archive.ArchiveLog;
import io.paycli.core.deploy.RestoredApp.Outcome;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.Release;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** paycli restore between two sandboxes: the source's apps, from the archive, into an empty target. */
class RestoreTest {
    private static final String[] HPA = {"hpa.enabled=true", "hpa.min=2", "hpa.max=4"};

    @TempDir
    Path tmp;

    private static Map<String, RestoredApp> byApp(RestoreReport report) {
        return report.apps().stream().collect(Collectors.toMap(RestoredApp::app, Function.identity()));
    }

    /** The objects of a namespace, without those of the apps named. */
    private static Map<String, Object> objectsWithout(KubernetesClient client, String namespace, String... apps) {
        Map<String, Object> all = objects(client, namespace);
        all.keySet().removeIf(k -> List.of(apps).stream().anyMatch(a -> k.substring(k.indexOf('/') + 1)
                .startsWith(a)));
        return all;
    }

    /** The image of the Deployment the Service {@code app} sends traffic to. */
    private static String servingImage(KubernetesClient client, String namespace, String app) {
        Map<String, String> selector = client.services().inNamespace(namespace).withName(app).get().getSpec()
                .getSelector();
        Deployment serving = client.apps().deployments().inNamespace(namespace).list().getItems().stream()
                .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                        .containsAll(selector.entrySet())).findFirst().orElseThrow();
        return serving.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    @Test
    void rebuildsEveryAppInAnEmptyClusterAndASecondRunWritesNothing() throws Exception {
        try (RestoreFixture f = new RestoreFixture(tmp)) {
            Path web = f.app("web", "campaign-web", "promotion", null);
            Path shop = f.app("web", "shop-web", "shop", null);
            Path worker = f.app("worker", "points-worker", "points", null);
            Path blueGreen = f.app("web", "bg-web", "shop", "    strategy: blue-green\n");
            Path never = f.app("web", "never-web", "promotion", null);
            f.deploySource(web, "1.0.0");
            f.deploySource(web, "1.1.0");
            f.deploySource(shop, "2.0.0", HPA);
            f.deploySource(worker, "1.0.0");
            f.deploySource(blueGreen, "1.0.0");
            f.deploySource(blueGreen, "1.1.0");
            RestoreFixture.rewrite(blueGreen, "bg-web", "shop",
                    "    strategy: blue-green\n    blueGreen: {autoPromote: false}\n");
            f.deploySource(blueGreen, "1.2.0");
            try {
                f.deploySource(never, "0.1.0-fail");
            } catch (RuntimeException expected) {
                // its only release failed: nothing of it is restorable
            }

            f.target.resetCounters();
            RestoreReport first = f.restore(null, Map.of(), false);

            // One client per worker (3), not per app; each namespace read once, by its first app.
            assertThat(f.target.requests().count("GET", "/version")).isBetween(1L, 3L);
            assertThat(f.target.requests().count("GET", "/api/v1/namespaces/{name}")).isEqualTo(3);
            Map<String, RestoredApp> apps = byApp(first);
            assertThat(apps.values()).extracting(RestoredApp::app, RestoredApp::outcome, RestoredApp::version)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("campaign-web", Outcome.RESTORED, "1.1.0"),
                            org.assertj.core.groups.Tuple.tuple("shop-web", Outcome.RESTORED, "2.0.0"),
                            org.assertj.core.groups.Tuple.tuple("points-worker", Outcome.RESTORED, "1.0.0"),
                            org.assertj.core.groups.Tuple.tuple("bg-web", Outcome.RESTORED, "1.1.0"),
                            org.assertj.core.groups.Tuple.tuple("never-web", Outcome.SKIPPED, null));
            assertThat(first.anyFailed()).isFalse();
            assertThat(apps.get("never-web").result()).isEqualTo("skipped: no release of it ever succeeded");
            for (String ns : List.of("promotion", "points")) {
                assertThat(objectsWithout(f.targetClient, ns, "never-web")).as(ns)
                        .isEqualTo(objectsWithout(f.source.client, ns, "never-web")).isNotEmpty();
            }
            assertThat(objectsWithout(f.targetClient, "shop", "bg-web"))
                    .isEqualTo(objectsWithout(f.source.client, "shop", "bg-web"))
                    .containsKey("HorizontalPodAutoscaler/shop-web").containsKey("Ingress/shop-web");
            assertThat(servingImage(f.targetClient, "shop", "bg-web")).as("what serves, never the preview")
                    .isEqualTo(servingImage(f.source.client, "shop", "bg-web")).endsWith(":1.1.0");

            f.target.writes().reset();
            RestoreReport second = f.restore(null, Map.of(), false);

            assertThat(second.apps()).extracting(RestoredApp::outcome).containsOnly(Outcome.UNCHANGED, Outcome.SKIPPED);
            assertThat(f.target.writes().count()).as("%s", f.target.writes().byRoute()).isZero();

            try (ArchiveLog log = ArchiveLog.open(f.archive.dir())) {
                assertThat(log.log(new ArchiveLog.Filter(null, null, RestoreFixture.TARGET, null)))
                        .extracting(e -> e.field("action") + " " + e.field("app")).containsExactlyInAnyOrder(
                                "restore campaign-web", "restore shop-web", "restore points-worker", "restore bg-web");
            }
            List<Release> history = f.targetService.history(RestoreFixture.onTarget(web, null)).releases();
            assertThat(history).singleElement().satisfies(r -> assertThat(r.message())
                    .startsWith("restored 1.1.0 from " + RestoreFixture.SOURCE + " revision 2"));
            f.targetService.deploy(RestoreFixture.onTarget(web, "1.2.0"), RestoreFixture.createNamespace(), e -> { });
            DeployResult back = f.targetService.rollback(RestoreFixture.onTarget(web, null), null,
                    RestoreFixture.createNamespace(), e -> { });
            assertThat(back.release().tag()).isEqualTo("1.1.0");
            assertThat(back.release().revision()).isEqualTo(3);
        }
    }

    @Test
    void aDryRunTouchesNothingAndTheNamespaceMapMovesApps() throws Exception {
        try (RestoreFixture f = new RestoreFixture(tmp)) {
            Path web = f.app("web", "campaign-web", "promotion", null);
            Path worker = f.app("worker", "points-worker", "points", null);
            f.deploySource(web, "1.0.0");
            f.deploySource(worker, "1.0.0");

            RestoreReport dryRun = f.restore(null, Map.of("points", "points-dr"), true);

            assertThat(dryRun.apps()).extracting(RestoredApp::namespace, RestoredApp::outcome).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("points-dr", Outcome.WOULD_RESTORE),
                    org.assertj.core.groups.Tuple.tuple("promotion", Outcome.WOULD_RESTORE));
            assertThat(f.target.writes().count()).as("%s", f.target.writes().byRoute()).isZero();

            RestoreReport moved = f.restore("points-*", Map.of("points", "points-dr"), false);

            assertThat(moved.apps()).singleElement().satisfies(a -> {
                assertThat(a.outcome()).isEqualTo(Outcome.RESTORED);
                assertThat(a.sourceNamespace()).isEqualTo("points");
                assertThat(a.namespace()).isEqualTo("points-dr");
            });
            assertThat(f.targetClient.namespaces().withName("points-dr").get()).isNotNull();
            assertThat(f.targetClient.namespaces().withName("points").get()).isNull();
            assertThat(f.targetClient.apps().deployments().inNamespace("points-dr").withName("points-worker").get()
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":1.0.0");
            assertThat(f.targetClient.namespaces().withName("promotion").get()).as("--apps chose one app").isNull();
        }
    }

    @Test
    void anAppThatNeverBecomesHealthyIsReportedAndTheOthersAreRestored() throws Exception {
        try (RestoreFixture f = new RestoreFixture(tmp)) {
            Path web = f.app("web", "campaign-web", "promotion", null);
            Path worker = f.app("worker", "points-worker", "points", null);
            f.deploySource(web, "1.0.0");
            f.deploySource(worker, "1.0.0");
            // The registry no longer serves the worker's image: the archived manifests name one that cannot be pulled.
            Path archived = f.archive.dir().resolve(RestoreFixture.SOURCE + "/points/points-worker/manifests.yaml");
            Files.writeString(archived, Files.readString(archived).replace(":1.0.0", ":1.0.0-fail-pull"));
            try (Git git = Git.open(f.archive.dir().toFile())) {
                git.commit().setAll(true).setMessage("image gone").setSign(false).call();
            }

            RestoreReport report = f.restore(null, Map.of(), false);

            Map<String, RestoredApp> apps = byApp(report);
            assertThat(apps.get("campaign-web").outcome()).isEqualTo(Outcome.RESTORED);
            assertThat(apps.get("points-worker").outcome()).isEqualTo(Outcome.FAILED);
            assertThat(apps.get("points-worker").reason()).contains("ImagePull");
            assertThat(report.anyFailed()).isTrue();
            assertThat(f.events).anySatisfy(e -> {
                assertThat(e.step()).isEqualTo(DeployEvent.Step.RESTORE);
                assertThat(e.kind()).isEqualTo(DeployEvent.Kind.FAILED);
                assertThat(e.object().name()).isEqualTo("points-worker");
            });
        }
    }

    @Test
    void resumeWaitsOutTheDeployLockThatAKilledRestoreLeftHeld() throws Exception {
        try (RestoreFixture f = new RestoreFixture(tmp)) {
            Path worker = f.app("worker", "points-worker", "points", null);
            f.deploySource(worker, "1.0.0");
            // What a restore killed while deploying the worker leaves: its namespace and its lock, held.
            f.targetClient.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                    .withNewMetadata().withName("points").endMetadata().build()).create();
            f.targetClient.resource(new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                    .withApiVersion("coordination.k8s.io/v1").withKind("Lease").withNewMetadata()
                    .withName("paycli-lock-points-worker").withNamespace("points").endMetadata()
                    .addToAdditionalProperties("spec", Map.of("holderIdentity", "restorer@ci pid 4242 run dead",
                            "leaseDurationSeconds", 6, "renewTime",
                            java.time.format.DateTimeFormatter.ISO_INSTANT.format(java.time.Instant.now()
                                    .truncatedTo(java.time.temporal.ChronoUnit.MICROS))))
                    .build()).create();

            RestoreReport plain = f.restore(null, Map.of(), false, false);

            assertThat(plain.apps()).singleElement().satisfies(a -> {
                assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
                assertThat(a.reason()).contains("restorer@ci pid 4242").contains("--resume");
            });

            RestoreReport resumed = f.restore(null, Map.of(), false, true);

            assertThat(resumed.apps()).singleElement().satisfies(a -> assertThat(a.outcome())
                    .isEqualTo(Outcome.RESTORED));
            assertThat(f.targetService.history(RestoreFixture.onTarget(worker, null)).releases()).hasSize(1);
        }
    }
}
