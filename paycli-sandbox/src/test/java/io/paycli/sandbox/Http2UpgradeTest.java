package io.paycli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that offers to upgrade a plain-http connection to HTTP/2 (the JDK's HttpClient does on its first request,
 * and paycli talks through it) gets an HTTP/1.1 answer, as from kube-apiserver or kubectl proxy, which do not speak
 * h2c. It once got an empty reply instead.
 */
class Http2UpgradeTest {
    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void anOfferToUpgradeToH2cIsAnsweredInHttp11() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(15), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void theJdkClientWhichOffersTheUpgradeGetsItsAnswers() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> reply = client.send(HttpRequest.newBuilder(URI.create(sandbox.url() + "/version"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(reply.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(reply.body()).contains("\"major\"");
        }
    }
}
