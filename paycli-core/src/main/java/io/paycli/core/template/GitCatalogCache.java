package io.paycli.core.template;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

import io.paycli.core.error.InvalidInputException;
import io.paycli.core.git.SystemSsh;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.util.FS;

/**
 * A bare mirror of one catalog repository on local disk. Fetching force-updates every branch and
 * tag, so a moved tag or branch moves here too; when the remote cannot be reached the mirror is
 * what makes offline use possible.
 */
final class GitCatalogCache {

    /** Where the remote's default branch is remembered, so "HEAD" also resolves offline. */
    static final String REMOTE_HEAD = "refs/remote-head/HEAD";
    static final int TIMEOUT_SECONDS = 10;

    private final String url;
    private final Path dir;
    private final SystemSsh ssh;

    GitCatalogCache(String url, Path cacheDir, SystemSsh ssh) {
        this.url = url;
        this.dir = cacheDir.resolve(key(url));
        this.ssh = ssh;
    }

    /** The first 16 hex digits of the SHA-256 of the url: stable, and safe as a file name. */
    static String key(String url) {
        byte[] digest = DirectoryCatalogSource.sha256().digest(url.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, 16);
    }

    Path dir() {
        return dir;
    }

    boolean exists() {
        return RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED);
    }

    Repository open() throws IOException {
        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
    }

    /**
     * Builds the mirror in a temporary sibling and moves it into place only after a successful
     * fetch, so a failed first fetch never leaves a half-made cache behind.
     */
    void create() {
        Path temp = null;
        try {
            Files.createDirectories(dir.getParent());
            if (Files.exists(dir)) {
                deleteTree(dir);
            }
            temp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".new-");
            try (Git git = Git.init().setBare(true).setDirectory(temp.toFile()).call()) {
                fetch(git.getRepository());
            }
            moveIntoPlace(temp);
        } catch (FetchFailure e) {
            throw new InvalidInputException("template catalog " + url + " is unreachable and not cached: "
                    + e.getMessage(), e.getCause());
        } catch (IOException | GitAPIException e) {
            throw new InvalidInputException("cannot create the template catalog cache " + dir + ": "
                    + oneLine(e.getMessage()), e);
        } finally {
            if (temp != null && Files.exists(temp)) {
                deleteTree(temp);
            }
        }
    }

    /** Fetches every branch and tag, forced, and deletes those gone from the remote. */
    void fetch(Repository repo) throws FetchFailure {
        FetchResult result;
        try {
            result = Git.wrap(repo).fetch()
                    .setRemote(url)
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setRemoveDeletedRefs(true)
                    .setTimeout(TIMEOUT_SECONDS)
                    .setTransportConfigCallback(ssh.onSshTransports())
                    .call();
        } catch (GitAPIException | JGitInternalException e) {
            throw new FetchFailure(reason(e), e);
        }
        rememberRemoteHead(repo, result.getAdvertisedRef("HEAD"));
    }

    private static void rememberRemoteHead(Repository repo, Ref head) {
        try {
            RefUpdate update = repo.updateRef(REMOTE_HEAD);
            update.setForceUpdate(true);
            if (head == null || head.getObjectId() == null || !repo.getObjectDatabase().has(head.getObjectId())) {
                update.delete();
            } else {
                update.setNewObjectId(head.getObjectId());
                update.update();
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot update the template catalog cache " + repo.getDirectory()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Another process may have built the same mirror meanwhile; then its copy is as good. */
    private void moveIntoPlace(Path temp) throws IOException {
        try {
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            if (!exists()) {
                throw e;
            }
        }
    }

    /** The most specific cause, minus the url, which the caller's message already names. */
    private String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause().getMessage() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof UnknownHostException) {
            message = "unknown host " + message;
        }
        message = oneLine(message.replace(url + ": ", "").replace(url, "the remote"));
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // best effort: a leftover temporary folder is harmless and never read
        }
    }

    /** A fetch that did not complete; its message is the one-line reason. */
    static final class FetchFailure extends Exception {
        FetchFailure(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    static String oneLine(String text) {
        return text == null ? "unknown error" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
