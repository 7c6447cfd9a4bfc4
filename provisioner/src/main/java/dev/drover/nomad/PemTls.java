package dev.drover.nomad;

import dev.drover.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * An SSLContext from the PEM files Nomad's TLS guide produces, with the JDK alone: X.509
 * certificates (CA bundle and client chain) and an unencrypted private key, as PKCS#8
 * ("BEGIN PRIVATE KEY": RSA, EC, Ed25519), PKCS#1 ("BEGIN RSA PRIVATE KEY") or SEC1 ("BEGIN EC
 * PRIVATE KEY", what {@code nomad tls cert create} writes). The JDK reads only PKCS#8, so the
 * other two are wrapped in a PKCS#8 envelope first ({@link Pkcs8}). Encrypted keys are refused.
 */
final class PemTls {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private PemTls() {
    }

    static SSLContext context(NomadSettings settings) {
        try {
            TrustManager[] trust = null;
            if (settings.skipVerify()) {
                trust = new TrustManager[] {new TrustEverything()};
            } else if (settings.caCert().isPresent()) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int n = 0;
                for (Certificate cert : certificates(settings.caCert().get())) {
                    store.setCertificateEntry("ca" + n++, cert);
                }
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                trust = factory.getTrustManagers();
            }
            KeyManagerFactory keys = null;
            if (settings.clientCert().isPresent()) {
                List<Certificate> chain = certificates(settings.clientCert().get());
                PrivateKey key = privateKey(settings.clientKey().orElseThrow());
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                char[] nothing = new char[0];
                store.setKeyEntry("client", key, nothing, chain.toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, nothing);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new UserError("cannot set up TLS for Nomad: " + e.getMessage(), null,
                    "check NOMAD_CACERT, NOMAD_CLIENT_CERT and NOMAD_CLIENT_KEY (PEM files)", e);
        }
    }

    static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        byte[] bytes = read(file);
        Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(bytes));
        if (certs.isEmpty()) {
            throw new UserError(file + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
        }
        return new ArrayList<>(certs);
    }

    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String text = new String(read(file), StandardCharsets.US_ASCII);
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            String type = block.group(1);
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            if (type.equals("PRIVATE KEY")) {
                return pkcs8(file, der);
            }
            if (type.equals("RSA PRIVATE KEY") && !text.contains("Proc-Type: 4,ENCRYPTED")) {
                return pkcs8(file, Pkcs8.ofPkcs1Rsa(der));
            }
            if (type.equals("EC PRIVATE KEY") && !text.contains("Proc-Type: 4,ENCRYPTED")) {
                return pkcs8(file, Pkcs8.ofSec1(file, der));
            }
            if (type.endsWith("PRIVATE KEY")) {
                throw new UserError(file + ": a " + type + " is not supported (encrypted keys are not)",
                        null, "convert it: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pk8.pem");
            }
        }
        throw new UserError(file + ": no PEM private key in it (expected -----BEGIN PRIVATE KEY-----)");
    }

    private static PrivateKey pkcs8(Path file, byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException wrongAlgorithm) {
                // the PKCS#8 envelope names its algorithm, but the JDK only tells us by failing
            }
        }
        throw new UserError(file + ": the PKCS#8 key is neither RSA, EC nor Ed25519");
    }

    private static byte[] read(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new UserError("cannot read " + file);
        }
        return Files.readAllBytes(file);
    }

    /** NOMAD_SKIP_VERIFY: the user asked for it, as with the nomad CLI. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
