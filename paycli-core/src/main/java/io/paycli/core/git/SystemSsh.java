package io.paycli.core.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RemoteSession;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;

/**
 * Runs git over the system's {@code ssh} program, the way git itself does, so ssh URLs (template catalogs, the
 * archive's remote) use the user's keys, agent, known_hosts and ~/.ssh/config. JGit alone has no ssh client, and
 * the ones it can add (Apache MINA sshd, JSch) would weigh more than the whole rest of git support.
 */
public final class SystemSsh extends SshSessionFactory {
    private final String program;
    private final int connectTimeoutSeconds;

    /**
     * @param program               the ssh program, {@code ssh} or another one that takes its arguments
     * @param connectTimeoutSeconds how long ssh may take to connect
     */
    public SystemSsh(String program, int connectTimeoutSeconds) {
        this.program = program;
        this.connectTimeoutSeconds = Math.max(1, connectTimeoutSeconds);
    }

    /** Sets this factory on the ssh transports of one fetch or push; other transports are left as they are. */
    public TransportConfigCallback onSshTransports() {
        return transport -> {
            if (transport instanceof SshTransport ssh) {
                ssh.setSshSessionFactory(this);
            }
        };
    }

    @Override
    public RemoteSession getSession(URIish uri, CredentialsProvider credentials, FS fs, int timeoutMillis) {
        return new Session(uri);
    }

    @Override
    public String getType() {
        return "system-ssh";
    }

    private final class Session implements RemoteSession {
        private final URIish uri;

        Session(URIish uri) {
            this.uri = uri;
        }

        /** BatchMode: paycli runs in CI too, where a password prompt would hang forever. */
        @Override
        public Process exec(String command, int timeout) throws IOException {
            List<String> args = new ArrayList<>(List.of(program, "-o", "BatchMode=yes",
                    "-o", "ConnectTimeout=" + connectTimeoutSeconds));
            if (uri.getPort() > 0) {
                args.add("-p");
                args.add(Integer.toString(uri.getPort()));
            }
            args.add(uri.getUser() == null ? uri.getHost() : uri.getUser() + "@" + uri.getHost());
            args.add(command);
            return new ProcessBuilder(args).start();
        }

        @Override
        public void disconnect() {
            // each exec is its own ssh process, which ends with the fetch or push
        }
    }
}
