package io.paycli.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP front that speaks STARTTLS, for a mail server that has none (GreenMail): it offers STARTTLS, refuses
 * anything else before it, upgrades the connection with its certificate, and then relays the encrypted session's
 * plain text to the server behind it (whose own greeting it swallows, since the client has had one).
 */
final class StartTlsRelay implements AutoCloseable {
    private final SSLContext tls;
    private final int upstream;
    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    /** What each connection did before TLS, and whether its handshake completed. */
    final List<String> log = new CopyOnWriteArrayList<>();

    StartTlsRelay(SSLContext tls, int upstreamPort) throws IOException {
        this.tls = tls;
        this.upstream = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "starttls-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        try {
            while (true) {
                Socket client = server.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "starttls-relay-session");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closed) {
            // the relay is closed
        }
    }

    private void serve(Socket client) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            write(out, "220 localhost ESMTP relay\r\n");
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                String verb = line.split(" ", 2)[0].toUpperCase();
                log.add("plain " + verb);
                if (verb.equals("EHLO")) {
                    write(out, "250-localhost\r\n250 STARTTLS\r\n");
                } else if (verb.equals("STARTTLS")) {
                    write(out, "220 2.0.0 Ready to start TLS\r\n");
                    break;
                } else if (verb.equals("QUIT")) {
                    write(out, "221 bye\r\n");
                    return;
                } else {
                    write(out, "530 5.7.0 Must issue a STARTTLS command first\r\n");
                }
            }
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, null, true);
            open.add(secure);
            secure.startHandshake();
            log.add("tls " + secure.getSession().getProtocol());
            Socket behind = new Socket(InetAddress.getLoopbackAddress(), upstream);
            open.add(behind);
            readLine(behind.getInputStream()); // the server's greeting: the client had the relay's
            Thread up = new Thread(() -> pipe(secure, behind), "starttls-relay-up");
            up.setDaemon(true);
            up.start();
            pipe(behind, secure);
        } catch (IOException e) {
            log.add("failed " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.close();
        } catch (IOException ended) {
            // one side closed
        }
    }

    /** One CRLF line, read byte by byte so that nothing after it (the TLS handshake) is consumed. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
