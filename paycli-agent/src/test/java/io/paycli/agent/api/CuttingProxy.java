package io.paycli.agent.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy in front of the agent that cuts one connection, once: the first that carries a job's log, right after
 * its first log event. What a flaky network between CI and the zone does, on purpose.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final AtomicBoolean cut = new AtomicBoolean();

    CuttingProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "cutting-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Whether the cut happened. */
    boolean cut() {
        return cut.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket agent = new Socket(InetAddress.getLoopbackAddress(), target);
                pump(client.getInputStream(), agent.getOutputStream(), client, agent, false);
                pump(agent.getInputStream(), client.getOutputStream(), client, agent, true);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(InputStream in, OutputStream out, Socket client, Socket agent, boolean fromAgent) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                    int event = fromAgent ? text.indexOf("event: line") : -1;
                    if (event >= 0 && cut.compareAndSet(false, true)) {
                        int end = text.indexOf("\n\n", event);
                        out.write(buffer, 0, end < 0 ? n : end + 2);
                        out.flush();
                        client.close();
                        agent.close();
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away: the other goes too
            }
            try {
                client.close();
                agent.close();
            } catch (IOException e) {
                // already closed
            }
        }, "cutting-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
