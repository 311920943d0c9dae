package io.paycli.core.archive;

import io.paycli.core.git.SystemSsh;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Where the archive lives and where it is pushed.
 *
 * @param dir         the local repository (created on first use)
 * @param remote      the URL pushed after each commit; null for none
 * @param username    the https user name; null for none
 * @param password    the https password or token; null for none
 * @param pushTimeout how long a push, or the fetch before a retried push, may wait on the remote
 * @param sshProgram  the program that carries ssh remotes, {@code ssh} unless a test stands in for it
 */
public record ArchiveSettings(Path dir, String remote, String username, String password, Duration pushTimeout,
                              String sshProgram) {
    public static final Duration DEFAULT_PUSH_TIMEOUT = Duration.ofSeconds(20);

    public static ArchiveSettings local(Path dir) {
        return new ArchiveSettings(dir, null, null, null, DEFAULT_PUSH_TIMEOUT, "ssh");
    }

    public ArchiveSettings withRemote(String url) {
        return new ArchiveSettings(dir, url, username, password, pushTimeout, sshProgram);
    }

    public ArchiveSettings withPushTimeout(Duration timeout) {
        return new ArchiveSettings(dir, remote, username, password, timeout, sshProgram);
    }

    public ArchiveSettings withSshProgram(String program) {
        return new ArchiveSettings(dir, remote, username, password, pushTimeout, program);
    }

    /** The ssh transport of every push and fetch: the system's ssh, bounded by the push timeout. */
    TransportConfigCallback ssh() {
        return new SystemSsh(sshProgram, timeoutSeconds()).onSshTransports();
    }

    boolean hasRemote() {
        return remote != null && !remote.isBlank();
    }

    /** Null without a password: the transport then asks nothing (ssh keys, a file remote, a public URL). */
    CredentialsProvider credentials() {
        if (password == null || password.isEmpty()) {
            return null;
        }
        return new UsernamePasswordCredentialsProvider(username == null || username.isEmpty() ? "paycli" : username,
                password);
    }

    /** JGit takes whole seconds; at least one, so that zero never means "wait forever". */
    int timeoutSeconds() {
        return (int) Math.max(1, pushTimeout.toSeconds());
    }

    @Override
    public String toString() {
        return "ArchiveSettings[dir=" + dir + ", remote=" + remote + "]";
    }
}
