package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template catalog in a git repository, through the shipped jar: JGit must be in it. The repository is a real
 * one on a temp dir, pinned to a tag; kubectl shows that the deployed objects came from its commit.
 */
class GitCatalogIT {
    private static final Path BUILTIN = Processes.ROOT.resolve("paycli-core/src/main/resources/catalog/web");

    @TempDir
    Path tmp;

    @Test
    void listsRendersAndDeploysFromAGitCatalogPinnedToATag() throws Exception {
        Processes processes = new Processes(tmp);
        Path work = Files.createDirectories(tmp.resolve("catalog"));
        String commit = commitCatalog(work);
        String catalog = "file://" + work.toAbsolutePath() + "#v1";

        Processes.Run list = processes.paycli("templates", "list", "--catalog", catalog);
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out()).contains("web", "from the platform repository");
        assertThat(list.err()).doesNotContain("Exception");

        Processes.Run render = processes.paycli("render", "-f", "examples/web", "-e", "beta", "-t", "1.0.0",
                "--catalog", catalog);
        assertThat(render.exit()).as(render.toString()).isZero();
        assertThat(render.out()).contains("paycli.io/catalog-commit: " + commit);

        try (Sandbox sandbox = Sandbox.start(0)) {
            Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"));
            Processes.Run deploy = processes.paycli("deploy", "-f", "examples/web", "-e", "beta", "-t", "1.0.0",
                    "--catalog", catalog, "--kubeconfig", kubeconfig.toString(), "--context", Sandbox.DEFAULT_CONTEXT,
                    "--create-namespace");
            assertThat(deploy.exit()).as(deploy.toString()).isZero();
            Processes.Run annotation = processes.kubectl(kubeconfig, "get", "deployment", "campaign-web", "-n",
                    "promotion-beta", "-o", "jsonpath={.metadata.annotations.paycli\\.io/catalog-commit}");
            assertThat(annotation.out()).isEqualTo(commit);
        }
    }

    /** The built-in web package, with its own description, committed and tagged v1. */
    private static String commitCatalog(Path work) throws Exception {
        Path web = Files.createDirectories(work.resolve("web"));
        try (var files = Files.list(BUILTIN)) {
            for (Path file : files.toList()) {
                Files.copy(file, web.resolve(file.getFileName().toString()));
            }
        }
        Path descriptor = web.resolve("template.yaml");
        Files.writeString(descriptor, Files.readString(descriptor).replaceFirst("description: .*",
                "description: Web site, from the platform repository."));
        PersonIdent platform = new PersonIdent("Platform Team", "platform@example.com");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            git.add().addFilepattern(".").call();
            RevCommit commit = git.commit().setMessage("web 1.0.0").setAuthor(platform).setCommitter(platform)
                    .setSign(false).call();
            git.tag().setName("v1").setObjectId(commit).setAnnotated(false).call();
            return commit.getName();
        }
    }
}
