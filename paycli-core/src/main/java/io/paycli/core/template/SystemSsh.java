package io.paycli.core.template;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RemoteSession;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;

/**
 * Runs git over the system's {@code ssh} program, the way git itself does, so ssh catalog urls
 * use the user's keys, agent, known_hosts and ~/.ssh/config. JGit alone has no ssh client.
 */
final class SystemSsh extends SshSessionFactory {

    private final String program;

    SystemSsh(String program) {
        this.program = program;
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
                    "-o", "ConnectTimeout=" + GitCatalogCache.TIMEOUT_SECONDS));
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
            // each exec is its own ssh process, which ends with the fetch
        }
    }
}
