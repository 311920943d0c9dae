package io.paycli.core.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A real catalog repository for tests: a bare repository, as a git server would hold it, and a
 * working clone that commits greeter packages and pushes branches and (force-moved) tags to it.
 */
final class RemoteCatalog implements AutoCloseable {

    private static final PersonIdent PLATFORM = new PersonIdent("Platform Team", "platform@example.com");

    private final Path bare;
    private final Path work;
    private final Git git;

    RemoteCatalog(Path root) {
        this.bare = root.resolve("remote/catalog.git");
        this.work = root.resolve("work");
        try {
            Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
            this.git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "file://" + bare.toAbsolutePath();
    }

    Path bare() {
        return bare;
    }

    /** Commits a greeter package rendering {@code marker} on the current branch and pushes it. */
    String commit(String marker) {
        CatalogFixtures.writePackage(work, "greeter", "1.0.0", marker);
        try {
            git.add().addFilepattern(".").call();
            RevCommit commit = git.commit().setMessage("greeter " + marker).setAuthor(PLATFORM).setCommitter(PLATFORM)
                    .setSign(false).call();
            String branch = git.getRepository().getBranch();
            push("+refs/heads/" + branch + ":refs/heads/" + branch);
            return commit.getName();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void branch(String name) {
        try {
            git.checkout().setCreateBranch(true).setName(name).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a branch on the server only. */
    void deleteBranch(String name) {
        try {
            push(":refs/heads/" + name);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates or force-moves an annotated tag to the current commit, on the server too. */
    void tag(String name) {
        try {
            git.tag().setName(name).setMessage("release " + name).setTagger(PLATFORM).setSigned(false)
                    .setForceUpdate(true).call();
            push("+refs/tags/" + name + ":refs/tags/" + name);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    private void push(String refSpec) throws GitAPIException {
        git.push().setRemote(url()).setRefSpecs(new RefSpec(refSpec)).call();
    }

    /** The server goes away: the url no longer answers. */
    void delete() {
        try (Stream<Path> paths = Files.walk(bare)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
