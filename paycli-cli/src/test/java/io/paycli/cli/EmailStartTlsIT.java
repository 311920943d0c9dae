package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * E-mail over STARTTLS through bin/paycli: {@code paycli notify test} to an SMTP server that requires STARTTLS and
 * authentication. Its certificate, made for the test, is refused until the JVM is told to trust it, the way a
 * company's own CA is trusted.
 */
class EmailStartTlsIT {
    private static final String PASSWORD = "sm7p-pa55word";
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    @TempDir
    Path home;
    GreenMail smtp;
    StartTlsRelay relay;
    Processes processes;
    Path trustStore;

    @BeforeEach
    void start() throws Exception {
        Path serverStore = home.resolve("smtp.p12");
        trustStore = home.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", serverStore.toString());
        keytool("-exportcert", "-alias", "smtp", "-keystore", serverStore.toString(), "-file",
                home.resolve("smtp.crt").toString());
        keytool("-importcert", "-noprompt", "-alias", "smtp", "-file", home.resolve("smtp.crt").toString(),
                "-keystore", trustStore.toString());

        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort()).withConfiguration(
                GreenMailConfiguration.aConfig().withUser("ops@example.com", "mailer", PASSWORD));
        smtp.start();
        relay = new StartTlsRelay(serverContext(serverStore), smtp.getSmtp().getPort());

        Files.createDirectories(home.resolve(".paycli"));
        Files.writeString(home.resolve(".paycli").resolve("config.yaml"), """
                notify:
                  - type: email
                    to: [ops@example.com]
                    from: paycli@example.com
                    smtpHost: localhost
                    smtpPort: %d
                    usernameEnv: SMTP_USER
                    passwordEnv: SMTP_PASSWORD
                notifyDelivery:
                  attempts: 1
                """.formatted(relay.port()));
        processes = new Processes(home).in(home).env("SMTP_USER", "mailer").env("SMTP_PASSWORD", PASSWORD)
                .env("PAYCLI_USER", "alice");
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        smtp.stop();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(STORE_PASSWORD)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("keytool %s: %s", args[0], output).isZero();
    }

    private static SSLContext serverContext(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, STORE_PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        return tls;
    }

    @Test
    void aSampleIsMailedOverStartTlsOnceTheServersCertificateIsTrusted() throws Exception {
        String target = "email (localhost:" + relay.port() + " to ops@example.com) ["
                + home.resolve(".paycli").resolve("config.yaml") + "]";

        Processes.Run untrusted = processes.paycli("notify", "test", "--verbose");

        assertThat(untrusted.exit()).as(untrusted.toString()).isEqualTo(5);
        assertThat(untrusted.out()).as(untrusted.toString()).startsWith("failed  " + target + ": ")
                .contains("PKIX path building failed");
        assertThat(untrusted.out() + untrusted.err()).doesNotContain(PASSWORD);
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(relay.log).contains("plain STARTTLS").noneMatch(l -> l.startsWith("tls "));

        relay.log.clear();
        processes.env("PAYCLI_JAVA_OPTS", "-Djavax.net.ssl.trustStore=" + trustStore
                + " -Djavax.net.ssl.trustStorePassword=changeit");
        Processes.Run trusted = processes.paycli("notify", "test", "--verbose");

        assertThat(trusted.exit()).as(trusted.toString()).isZero();
        assertThat(trusted.out()).as(trusted.toString()).startsWith("ok      " + target + "\n");
        assertThat(trusted.out() + trusted.err()).doesNotContain(PASSWORD);
        // The client said EHLO, saw STARTTLS offered, took it, and did everything else (AUTH, the mail) over TLS.
        assertThat(relay.log).containsExactly("plain EHLO", "plain STARTTLS", relay.log.get(2));
        assertThat(relay.log.get(2)).matches("tls TLSv1\\.[23]");
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("[paycli] paycli notify test: paycli in test (nothing was"
                + " deployed)");
    }
}
