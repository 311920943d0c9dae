package io.paycli.core.archive;

import io.paycli.core.deploy.Published;
import io.paycli.core.deploy.Published.Action;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Published steps made up for the archive's tests, and ways to look into a repository. */
final class Steps {
    static final String CLUSTER = "prod-tw";

    private Steps() {
    }

    static String manifests(String app, String tag) {
        return "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + app + "\n  namespace: promotion\n"
                + "spec:\n  template:\n    spec:\n      containers:\n      - name: app\n"
                + "        image: registry.example.com/pay/" + app + ":" + tag + "\n";
    }

    static Release release(String app, int revision, String tag, Result result, String user) {
        return new Release(app, "release", "promotion", revision, tag, "registry.example.com/pay/" + app + ":" + tag,
                "web", "1.4.0", "0a1b2c3d", "cafe01", user, Instant.parse("2026-12-01T10:00:00Z"), 12_000, result,
                result == Result.SUCCEEDED ? "healthy" : "Deployment campaign-web: ProgressDeadlineExceeded",
                manifests(app, tag));
    }

    static Published deploy(String app, int revision, String tag) {
        Release r = release(app, revision, tag, Result.SUCCEEDED, "alice");
        return new Published(Action.DEPLOY, r, r, CLUSTER, "prod-tw-admin", List.of(), null);
    }

    static Published failed(String app, int revision, String tag, Release inPlace) {
        return new Published(Action.DEPLOY, release(app, revision, tag, Result.ROLLED_BACK, "alice"), inPlace,
                CLUSTER, "prod-tw-admin", List.of(), null);
    }

    static Published withManifests(Published p, String manifests) {
        Release r = p.release();
        Release changed = new Release(r.app(), r.env(), r.namespace(), r.revision(), r.tag(), r.image(), r.template(),
                r.templateVersion(), r.catalogCommit(), r.configHash(), r.user(), r.startedAt(), r.durationMillis(),
                r.result(), r.message(), manifests);
        return new Published(p.action(), changed, changed, p.cluster(), p.context(), List.of(), null);
    }

    static final class Warnings implements Consumer<String> {
        final List<String> all = new ArrayList<>();

        @Override
        public void accept(String warning) {
            all.add(warning);
        }
    }

    static List<RevCommit> commits(Path repository) {
        try (Git git = Git.open(repository.toFile())) {
            List<RevCommit> commits = new ArrayList<>();
            git.log().call().forEach(commits::add);
            return commits;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file at {@code path} in commit {@code id} of a repository (bare or not); null when absent. */
    static String file(Path repository, String id, String path) {
        try (Git git = Git.open(repository.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repo = git.getRepository();
            RevCommit commit = walk.parseCommit(repo.resolve(id));
            try (TreeWalk tree = TreeWalk.forPath(repo, path, commit.getTree())) {
                return tree == null ? null
                        : new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
