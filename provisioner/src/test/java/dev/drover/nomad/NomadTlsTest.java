package dev.drover.nomad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.drover.UserError;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NOMAD_* settings, and TLS from PEM files: a server and a client certificate made with the
 * JDK's keytool, written out as the PEM files Nomad's TLS guide produces, then a real HTTPS
 * exchange that requires the client certificate (mutual TLS, as Nomad's verify_https_client).
 */
class NomadTlsTest {

    @TempDir
    static Path dir;

    private static final char[] PASSWORD = "changeit".toCharArray();

    @BeforeAll
    static void makeCertificates() throws Exception {
        for (String name : new String[] {"server", "client"}) {
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-keystore", dir.resolve(name + ".p12").toString(), "-storetype", "PKCS12",
                    "-storepass", "changeit", "-alias", name, "-keyalg", name.equals("server") ? "EC" : "RSA",
                    "-dname", "CN=" + name + ".global.nomad", "-ext", "san=ip:127.0.0.1", "-validity", "2")
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(keytool.waitFor()).as(output).isZero();
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
                store.load(in, PASSWORD);
            }
            Certificate cert = store.getCertificate(name);
            PrivateKey key = (PrivateKey) store.getKey(name, PASSWORD);
            Files.writeString(dir.resolve(name + ".pem"), pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(dir.resolve(name + "-key.pem"), pem("PRIVATE KEY", key.getEncoded()));
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    @Test
    void settingsComeFromTheNomadEnvironment() {
        NomadSettings defaults = NomadSettings.fromEnvironment(Map.of());
        assertThat(defaults.address()).isEqualTo(URI.create("http://127.0.0.1:4646"));
        assertThat(defaults.token()).isEmpty();
        assertThat(defaults.usesTls()).isFalse();

        NomadSettings all = NomadSettings.fromEnvironment(Map.of("NOMAD_ADDR", "https://nomad.lan:4646/",
                "NOMAD_TOKEN", "t", "NOMAD_NAMESPACE", "ml", "NOMAD_REGION", "eu", "NOMAD_CACERT", "/ca.pem",
                "NOMAD_CLIENT_CERT", "/c.pem", "NOMAD_CLIENT_KEY", "/k.pem", "NOMAD_SKIP_VERIFY", "true"));
        assertThat(all.address()).isEqualTo(URI.create("https://nomad.lan:4646"));
        assertThat(all.token()).contains("t");
        assertThat(all.namespace()).contains("ml");
        assertThat(all.region()).contains("eu");
        assertThat(all.caCert()).contains(Path.of("/ca.pem"));
        assertThat(all.clientCert()).contains(Path.of("/c.pem"));
        assertThat(all.clientKey()).contains(Path.of("/k.pem"));
        assertThat(all.skipVerify()).isTrue();
        assertThat(all.usesTls()).isTrue();
        assertThat(NomadSettings.fromEnvironment(Map.of("NOMAD_SKIP_VERIFY", "0")).skipVerify()).isFalse();
    }

    @Test
    void badSettingsAreUserErrors() {
        assertThatThrownBy(() -> NomadSettings.fromEnvironment(Map.of("NOMAD_ADDR", "127.0.0.1:4646")))
                .isInstanceOf(UserError.class).hasMessageContaining("NOMAD_ADDR must start with http:// or https://");
        assertThatThrownBy(() -> NomadSettings.fromEnvironment(Map.of("NOMAD_CLIENT_CERT", "/c.pem")))
                .isInstanceOf(UserError.class).hasMessageContaining("NOMAD_CLIENT_CERT and NOMAD_CLIENT_KEY go together");
    }

    @Test
    void mutualTlsWithPemFiles() throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext()) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/v1/nodes", exchange -> {
            byte[] body = "[{\"ID\":\"n1\"}]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Map<String, String> environment = new HashMap<>();
            environment.put("NOMAD_ADDR", "https://127.0.0.1:" + server.getAddress().getPort());
            environment.put("NOMAD_CACERT", dir.resolve("server.pem").toString());
            environment.put("NOMAD_CLIENT_CERT", dir.resolve("client.pem").toString());
            environment.put("NOMAD_CLIENT_KEY", dir.resolve("client-key.pem").toString());
            NomadClient client = new NomadClient(NomadSettings.fromEnvironment(environment));
            assertThat(client.nodes().get(0).get("ID").asText()).isEqualTo("n1");

            // without the client certificate the server refuses the handshake; not retried forever
            environment.remove("NOMAD_CLIENT_CERT");
            environment.remove("NOMAD_CLIENT_KEY");
            NomadClient anonymous = new NomadClient(NomadSettings.fromEnvironment(environment),
                    new Retry(2, Duration.ofMillis(10), Duration.ofMillis(10)));
            assertThatThrownBy(anonymous::nodes).isInstanceOf(NomadError.class).hasMessageContaining("cannot reach Nomad");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void traditionalPkcs1RsaKeysWorkForMutualTls() throws Exception {
        // the PKCS#1 key is the OCTET STRING inside Java's PKCS#8 encoding of the same RSA key
        byte[] pkcs8 = Base64.getMimeDecoder().decode(Files.readString(dir.resolve("client-key.pem"))
                .replaceAll("-----[A-Z ]+-----", ""));
        byte[] pkcs1 = innerOctetString(pkcs8);
        Path rsa = dir.resolve("client-rsa-key.pem");
        Files.writeString(rsa, pem("RSA PRIVATE KEY", pkcs1));
        PrivateKey key = PemTls.privateKey(rsa);
        assertThat(key.getAlgorithm()).isEqualTo("RSA");
        assertThat(key.getEncoded()).isEqualTo(pkcs8);
    }

    @Test
    void sec1EcKeysAsNomadTlsWritesThem() throws Exception {
        // made once with: openssl ecparam -genkey -name prime256v1 -noout (a throwaway test key)
        Path sec1 = dir.resolve("ec-key.pem");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("nomad/test-ec-sec1-key.pem")) {
            Files.write(sec1, in.readAllBytes());
        }
        PrivateKey key = PemTls.privateKey(sec1);
        assertThat(key.getAlgorithm()).isEqualTo("EC");
        assertThat(((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);
    }

    @Test
    void encryptedKeysAreRefusedWithTheConversionCommand() throws Exception {
        Path encrypted = dir.resolve("encrypted-key.pem");
        Files.writeString(encrypted, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n-----END ENCRYPTED PRIVATE KEY-----\n");
        NomadSettings settings = new NomadSettings(URI.create("https://127.0.0.1:1"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(dir.resolve("client.pem")), Optional.of(encrypted), false);
        assertThatThrownBy(() -> new NomadClient(settings)).isInstanceOf(UserError.class)
                .hasMessageContaining("a ENCRYPTED PRIVATE KEY is not supported")
                .satisfies(e -> assertThat(((UserError) e).hint()).contains("openssl pkcs8 -topk8 -nocrypt"));
    }

    /** The last OCTET STRING of a PKCS#8 PrivateKeyInfo (short DER forms only, enough for a test key). */
    private static byte[] innerOctetString(byte[] der) {
        int at = 1;
        at += lengthBytes(der, at);
        at += 3; // version INTEGER 0
        at += 1 + lengthBytes(der, at + 1) + length(der, at + 1); // AlgorithmIdentifier
        int contentStart = at + 1 + lengthBytes(der, at + 1);
        return Arrays.copyOfRange(der, contentStart, contentStart + length(der, at + 1));
    }

    private static int lengthBytes(byte[] der, int at) {
        int first = der[at] & 0xff;
        return first < 0x80 ? 1 : 1 + (first & 0x7f);
    }

    private static int length(byte[] der, int at) {
        int first = der[at] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 1; i <= (first & 0x7f); i++) {
            length = (length << 8) | (der[at + i] & 0xff);
        }
        return length;
    }

    private static SSLContext serverContext() throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            server.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(server, PASSWORD);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("client", PemTls.certificates(dir.resolve("client.pem")).get(0));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }
}
