package dev.drover.nomad;

import dev.drover.UserError;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Wraps the traditional private key encodings in the PKCS#8 envelope the JDK's KeyFactory
 * reads: PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING key }.
 * Only the few DER forms needed here are read and written.
 */
final class Pkcs8 {

    /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** The OID id-ecPublicKey (1.2.840.10045.2.1), encoded. */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Pkcs8() {
    }

    static byte[] ofPkcs1Rsa(byte[] pkcs1) {
        return privateKeyInfo(RSA_ALGORITHM, pkcs1);
    }

    /** SEC1 ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] curve OID, [1] public key }. */
    static byte[] ofSec1(Path file, byte[] sec1) {
        int[] at = {0};
        expect(sec1, at, 0x30, file);
        readLength(sec1, at);
        skip(sec1, at); // version
        skip(sec1, at); // privateKey
        if (at[0] >= sec1.length || (sec1[at[0]] & 0xff) != 0xa0) {
            throw new UserError(file + ": the EC key does not name its curve", null,
                    "convert it: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pk8.pem");
        }
        at[0]++;
        int length = readLength(sec1, at);
        byte[] curve = Arrays.copyOfRange(sec1, at[0], at[0] + length);
        byte[] algorithm = tlv(0x30, concat(EC_PUBLIC_KEY, curve));
        return privateKeyInfo(algorithm, sec1);
    }

    private static byte[] privateKeyInfo(byte[] algorithm, byte[] key) {
        return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, key)));
    }

    private static void expect(byte[] der, int[] at, int tag, Path file) {
        if (der.length == 0 || (der[at[0]] & 0xff) != tag) {
            throw new UserError(file + ": not a DER-encoded private key");
        }
        at[0]++;
    }

    private static void skip(byte[] der, int[] at) {
        at[0]++;
        int length = readLength(der, at);
        at[0] += length;
    }

    private static int readLength(byte[] der, int[] at) {
        int first = der[at[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[at[0]++] & 0xff);
        }
        return length;
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
