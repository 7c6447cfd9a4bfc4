package dev.drover.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ansible's only vault cipher, "AES256". From the password and a random 32-byte salt,
 * PBKDF2-HMAC-SHA256 (10000 rounds) derives 80 bytes: an AES-256 key, an HMAC-SHA256 key and
 * the 16-byte initial counter. The plaintext is PKCS#7-padded and encrypted with AES in CTR
 * mode; the HMAC covers the ciphertext. The payload is
 * {@code hex( hex(salt) "\n" hex(hmac) "\n" hex(ciphertext) )} — hexlified twice, as Ansible does.
 */
public final class Aes256 {

    private static final int ROUNDS = 10_000;
    private static final int KEY = 32;
    private static final int BLOCK = 16;
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Aes256() {
    }

    public static String encrypt(byte[] plaintext, byte[] password) {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        return encrypt(plaintext, password, salt);
    }

    /** With a given salt: for tests that compare against known vectors. */
    static String encrypt(byte[] plaintext, byte[] password, byte[] salt) {
        Keys keys = Keys.derive(password, salt);
        byte[] ciphertext = ctr(keys, pad(plaintext));
        byte[] hmac = keys.hmac(ciphertext);
        String inner = HEX.formatHex(salt) + "\n" + HEX.formatHex(hmac) + "\n" + HEX.formatHex(ciphertext);
        return HEX.formatHex(inner.getBytes(StandardCharsets.US_ASCII));
    }

    /** The plaintext, or empty when the password is not the one it was encrypted with (the HMAC differs). */
    public static Optional<byte[]> decrypt(String payload, byte[] password) {
        String inner = new String(unhex(payload, "payload"), StandardCharsets.US_ASCII);
        String[] parts = inner.split("\n", 3);
        if (parts.length != 3) {
            throw new VaultFormatException("the payload does not hold salt, HMAC and ciphertext");
        }
        byte[] salt = unhex(parts[0], "salt");
        byte[] expectedHmac = unhex(parts[1], "HMAC");
        byte[] ciphertext = unhex(parts[2], "ciphertext");
        Keys keys = Keys.derive(password, salt);
        if (!MessageDigest.isEqual(keys.hmac(ciphertext), expectedHmac)) {
            return Optional.empty();
        }
        return Optional.of(unpad(ctr(keys, ciphertext)));
    }

    private static byte[] unhex(String hex, String what) {
        try {
            return HEX.parseHex(hex.strip());
        } catch (IllegalArgumentException e) {
            throw new VaultFormatException("the " + what + " is not hexadecimal text (" + e.getMessage() + ")");
        }
    }

    private static byte[] pad(byte[] data) {
        int padding = BLOCK - data.length % BLOCK;
        byte[] out = Arrays.copyOf(data, data.length + padding);
        Arrays.fill(out, data.length, out.length, (byte) padding);
        return out;
    }

    private static byte[] unpad(byte[] data) {
        int padding = data.length == 0 ? 0 : data[data.length - 1] & 0xff;
        if (padding < 1 || padding > BLOCK || padding > data.length) {
            throw new VaultFormatException("the decrypted data has invalid padding");
        }
        return Arrays.copyOf(data, data.length - padding);
    }

    private static byte[] ctr(Keys keys, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.aes, "AES"), new IvParameterSpec(keys.counter));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is not available in this JDK", e);
        }
    }

    /** The three values PBKDF2 derives from password and salt. */
    private record Keys(byte[] aes, byte[] hmacKey, byte[] counter) {

        static Keys derive(byte[] password, byte[] salt) {
            byte[] derived = pbkdf2(password, salt, 2 * KEY + BLOCK);
            return new Keys(Arrays.copyOfRange(derived, 0, KEY), Arrays.copyOfRange(derived, KEY, 2 * KEY),
                    Arrays.copyOfRange(derived, 2 * KEY, 2 * KEY + BLOCK));
        }

        byte[] hmac(byte[] data) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
                return mac.doFinal(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
            }
        }

        /**
         * PBKDF2-HMAC-SHA256 over the password's bytes as they are. (The JDK's PBKDF2 key factory
         * takes chars and would re-encode a password file that is not UTF-8.)
         */
        private static byte[] pbkdf2(byte[] password, byte[] salt, int length) {
            try {
                Mac prf = Mac.getInstance("HmacSHA256");
                // HMAC keys may not be empty in the JDK; an empty password is refused earlier anyway.
                prf.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA256"));
                int hashLength = prf.getMacLength();
                byte[] out = new byte[length];
                for (int block = 1, offset = 0; offset < length; block++, offset += hashLength) {
                    prf.update(salt);
                    prf.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
                    byte[] u = prf.doFinal();
                    byte[] t = u.clone();
                    for (int round = 1; round < ROUNDS; round++) {
                        u = prf.doFinal(u);
                        for (int i = 0; i < t.length; i++) {
                            t[i] ^= u[i];
                        }
                    }
                    System.arraycopy(t, 0, out, offset, Math.min(hashLength, length - offset));
                }
                return out;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
            }
        }
    }
}
