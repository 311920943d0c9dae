package io.paycli.core.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.deploy.Published;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.Release;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive on a real git repository: the layout, the message, the authors and the redaction of Secrets. */
class GitArchiveTest {
    private static final String FOLDER = "prod-tw/promotion/campaign-web/";

    @TempDir
    Path tmp;

    private String record(Path archive, Published step) {
        List<DeployEvent> events = new ArrayList<>();
        Published out = new ArchiveSink(ArchiveSettings.local(archive)).released(step, events::add);
        assertThat(events).as(events.toString()).noneMatch(e -> e.kind() == DeployEvent.Kind.WARNING);
        assertThat(out.archiveCommit()).isNotNull();
        return out.archiveCommit();
    }

    @Test
    void aDeployIsOneCommitOfItsManifestsAndRecordByTheDeployingUser() throws Exception {
        Path archive = tmp.resolve("archive");
        String id = record(archive, Steps.deploy("campaign-web", 3, "1.2.0"));

        RevCommit commit = Steps.commits(archive).get(0);
        assertThat(commit.name()).isEqualTo(id);
        assertThat(commit.getFullMessage()).isEqualTo("""
                deploy campaign-web 1.2.0 to release (promotion) on prod-tw: succeeded

                user: alice
                revision: 3
                template: web@1.4.0
                catalog commit: 0a1b2c3d
                config hash: cafe01
                result: healthy
                folder: prod-tw/promotion/campaign-web
                """);
        assertThat(commit.getAuthorIdent().getName()).isEqualTo("alice");
        assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("alice@paycli");
        assertThat(commit.getCommitterIdent().getName()).isEqualTo("alice");
        assertThat(Steps.file(archive, id, FOLDER + "manifests.yaml"))
                .isEqualTo(Steps.manifests("campaign-web", "1.2.0"));
        assertThat(Steps.file(archive, id, FOLDER + "release.json")).contains("\"action\" : \"deploy\"",
                "\"revision\" : 3", "\"tag\" : \"1.2.0\"", "\"templateVersion\" : \"1.4.0\"",
                "\"catalogCommit\" : \"0a1b2c3d\"", "\"cluster\" : \"prod-tw\"", "\"context\" : \"prod-tw-admin\"",
                "\"user\" : \"alice\"", "\"result\" : \"succeeded\"", "\"durationMillis\" : 12000");
        assertThat(Steps.file(archive, id, FOLDER + "attempted.yaml")).isNull();
        assertThat(Files.readString(archive.resolve(FOLDER + "manifests.yaml"))).contains(":1.2.0");
    }

    @Test
    void aFailedStepKeepsWhatIsInPlaceAndWhatWasTriedUntilTheNextSuccess() {
        Path archive = tmp.resolve("archive");
        Published first = Steps.deploy("campaign-web", 1, "1.0.0");
        record(archive, first);
        String failed = record(archive, Steps.failed("campaign-web", 2, "1.1.0", first.release()));
        String next = record(archive, Steps.deploy("campaign-web", 3, "1.2.0"));

        assertThat(Steps.commits(archive)).hasSize(3);
        assertThat(Steps.file(archive, failed, FOLDER + "manifests.yaml")).contains(":1.0.0").doesNotContain(":1.1.0");
        assertThat(Steps.file(archive, failed, FOLDER + "attempted.yaml")).contains(":1.1.0");
        assertThat(Steps.file(archive, failed, FOLDER + "release.json")).contains("\"result\" : \"rolled back\"",
                "\"inPlace\" : {", "\"revision\" : 1");
        String message = Steps.commits(archive).get(1).getFullMessage();
        assertThat(message.lines().findFirst().orElseThrow())
                .isEqualTo("deploy campaign-web 1.1.0 to release (promotion) on prod-tw: rolled back");
        assertThat(message).contains("\nresult: Deployment campaign-web: ProgressDeadlineExceeded\n",
                "\nin place: revision 1 (1.0.0)\n");
        assertThat(Steps.file(archive, next, FOLDER + "attempted.yaml")).isNull();
        assertThat(archive.resolve(FOLDER + "attempted.yaml")).doesNotExist();
    }

    @Test
    void aFailedFirstDeployKeepsWhatWasTriedAsWhatIsInPlace() {
        Path archive = tmp.resolve("archive");
        String id = record(archive, Steps.failed("campaign-web", 1, "1.0.0", null));
        assertThat(Steps.file(archive, id, FOLDER + "manifests.yaml")).contains(":1.0.0");
        assertThat(Steps.file(archive, id, FOLDER + "attempted.yaml")).contains(":1.0.0");
        assertThat(Steps.commits(archive).get(0).getFullMessage()).contains("\nin place: nothing\n");
    }

    @Test
    void aUserThatIsAnAddressIsTheAuthorAsItIs() {
        Path archive = tmp.resolve("archive");
        Release r = Steps.release("campaign-web", 1, "1.0.0", Release.Result.SUCCEEDED, "bob@example.com");
        record(archive, new Published(Published.Action.SCALE, r, r, "prod-tw", "ctx", List.of(), null));
        RevCommit commit = Steps.commits(archive).get(0);
        assertThat(commit.getAuthorIdent().getName()).isEqualTo("bob@example.com");
        assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("bob@example.com");
        assertThat(commit.getShortMessage()).startsWith("scale campaign-web 1.0.0 to release");
    }

    @Test
    void aClusterNamedLikeAnEksContextIsOneFolder() {
        Path archive = tmp.resolve("archive");
        Release r = Steps.release("campaign-web", 1, "1.0.0", Release.Result.SUCCEEDED, "alice");
        String id = record(archive, new Published(Published.Action.DEPLOY, r, r,
                "arn:aws:eks:ap-northeast-1:1234:cluster/prod", "ctx", List.of(), null));
        assertThat(Steps.file(archive, id, "arn:aws:eks:ap-northeast-1:1234:cluster_prod/promotion/campaign-web/"
                + "release.json")).contains("\"cluster\" : \"arn:aws:eks:ap-northeast-1:1234:cluster/prod\"");
    }

    @Test
    void secretValuesReachTheArchiveOnlyAsDigestsThatChangeWithTheValue() {
        Path archive = tmp.resolve("archive");
        String deployment = Steps.manifests("campaign-web", "1.0.0");
        String secret = """
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: campaign-web-keys
                  namespace: promotion
                type: Opaque
                data:
                  password: %s
                stringData:
                  token: %s
                """;
        Published step = Steps.deploy("campaign-web", 1, "1.0.0");
        // "hunter2" in base64
        String first = record(archive, Steps.withManifests(step, deployment + secret.formatted("aHVudGVyMg==",
                "tok-123456")));
        String second = record(archive, Steps.withManifests(step, deployment + secret.formatted("aHVudGVyMg==",
                "tok-999999")));

        String archived = Steps.file(archive, first, FOLDER + "manifests.yaml");
        assertThat(archived).startsWith(deployment).doesNotContain("aHVudGVyMg==", "hunter2", "tok-123456")
                .contains("name: campaign-web-keys", "password: " + SecretRedaction.digest("aHVudGVyMg==", true),
                        "token: " + SecretRedaction.digest("tok-123456", false));
        // the digest of a data value is that of its decoded bytes, as the same value in stringData
        assertThat(SecretRedaction.digest("aHVudGVyMg==", true)).isEqualTo(SecretRedaction.digest("hunter2", false));
        String changed = Steps.file(archive, second, FOLDER + "manifests.yaml");
        assertThat(changed).doesNotContain("tok-999999").contains("token: "
                + SecretRedaction.digest("tok-999999", false));
        assertThat(changed.replaceAll("token: .*", "")).isEqualTo(archived.replaceAll("token: .*", ""));
        assertThat(changed).isNotEqualTo(archived);
    }

    @Test
    void aSecretThatCannotBeReadIsWithheldWhole() {
        String redacted = SecretRedaction.redact("---\nkind: Secret\ndata: {password: [unclosed\n");
        assertThat(redacted).doesNotContain("password").contains("withheld");
    }
}
