package io.paycli.agent.http;

import io.paycli.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** An HTTPS connector from a PKCS#12 keystore, opened before the server starts so a wrong password is one line. */
final class TlsConnector {
    private final KeyStore keyStore;
    private final String password;

    private TlsConnector(KeyStore keyStore, String password) {
        this.keyStore = keyStore;
        this.password = password;
    }

    /**
     * @param where names the setting for messages, e.g. "agent.yaml: tls"
     * @param password the keystore's password, null when its environment variable is not set
     */
    static TlsConnector open(String where, Path keystore, String passwordEnv, String password) {
        if (password == null) {
            throw new InvalidInputException(where + ".passwordEnv: the environment variable " + passwordEnv
                    + " is not set; it must hold the password of " + keystore);
        }
        if (!Files.isRegularFile(keystore)) {
            throw new InvalidInputException(where + ".keystore: " + keystore + ": no such file");
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return new TlsConnector(store, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidInputException(where + ".keystore: " + keystore + ": cannot open it as PKCS#12 with the"
                    + " password in " + passwordEnv + " (" + e.getMessage() + ")", e);
        }
    }

    Connector connector(Server server, HttpConfiguration base, String host, int port) {
        HttpConfiguration https = new HttpConfiguration(base);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Clients reach the agent by IP or by a Service name the certificate need not list; the certificate check
        // is the client's job.
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(keyStore);
        ssl.setKeyStorePassword(password);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
