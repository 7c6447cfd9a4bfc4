package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.agent.config.ConfigLoader;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS from a PEM certificate and key, made for the test by openssl. */
class AgentTlsTest {

    @Test
    void servesHttpsWithThePemPair(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(output).isZero();

        Path config = AgentFixture.writeConfig(dir, "tls:\n  cert: cert.pem\n  key: key.pem\n");
        try (Agent agent = Agent.start(ConfigLoader.load(config))) {
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(cert)).build();
            HttpResponse<String> response = trusting.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + agent.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);

            // A client that does not trust the certificate is turned away by its own TLS check.
            HttpClient plain = HttpClient.newHttpClient();
            try {
                plain.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + agent.port() + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                throw new AssertionError("an untrusted certificate was accepted");
            } catch (SSLHandshakeException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry("agent", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
