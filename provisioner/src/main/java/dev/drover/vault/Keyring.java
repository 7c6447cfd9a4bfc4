package dev.drover.vault;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The vault passwords of a run, in the order they were given. Decryption tries the passwords
 * whose label matches the envelope's vault id first, then all the others, as Ansible does (the
 * label is only a hint). Encryption uses the first password, or the one --encrypt-vault-id names.
 */
public record Keyring(List<VaultSecret> secrets) {

    public static final String DEFAULT_LABEL = "default";
    public static final Keyring EMPTY = new Keyring(List.of());

    public Keyring {
        secrets = List.copyOf(secrets);
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    /**
     * Opens vault text. {@code where} names what it is for messages (a file, or file:line of an
     * inline value); the errors say what was tried and what to do, never the password.
     */
    public byte[] decrypt(String vaultText, SourceLocation where) {
        return open(vaultText, where).plaintext();
    }

    /** The plaintext and the password that opened it (edit re-encrypts with that one). */
    public record Opened(byte[] plaintext, VaultSecret secret) {
    }

    public Opened open(String vaultText, SourceLocation where) {
        VaultEnvelope envelope;
        try {
            envelope = VaultEnvelope.parse(vaultText);
        } catch (VaultFormatException e) {
            throw new UserError("Vault format error in " + describe(where) + ": " + e.getMessage(), null,
                    "the vault text was damaged; encrypt it again with `drover vault encrypt` or ansible-vault");
        }
        String what = describe(where);
        if (secrets.isEmpty()) {
            throw new UserError("Decryption failed: " + what + " is vault-encrypted"
                    + (envelope.label() != null ? " (vault id '" + envelope.label() + "')" : "")
                    + " and no vault password was given", null,
                    "give one with --ask-vault-pass, --vault-password-file FILE or --vault-id "
                            + (envelope.label() != null ? envelope.label() : "LABEL") + "@FILE|prompt"
                            + " (or set ANSIBLE_VAULT_PASSWORD_FILE)");
        }
        for (VaultSecret secret : inTryOrder(envelope.label())) {
            Optional<byte[]> plain;
            try {
                plain = Aes256.decrypt(envelope.payload(), secret.password());
            } catch (VaultFormatException e) {
                throw new UserError("Vault format error in " + describe(where) + ": " + e.getMessage(), null,
                        "the vault text was damaged; encrypt it again with `drover vault encrypt` or ansible-vault");
            }
            if (plain.isPresent()) {
                return new Opened(plain.get(), secret);
            }
        }
        String tried = secrets.stream().map(VaultSecret::describe).collect(Collectors.joining(", "));
        boolean labelKnown = envelope.label() == null
                || secrets.stream().anyMatch(s -> s.label().equals(envelope.label()));
        throw new UserError("Decryption failed (no vault secrets were found that could decrypt) on " + what
                + (envelope.label() != null ? ", encrypted with vault id '" + envelope.label() + "'" : "")
                + "; tried " + secrets.size() + (secrets.size() == 1 ? " password: " : " passwords: ") + tried, null,
                labelKnown ? "the password is wrong: check the password file or what you typed"
                        : "no password with the label '" + envelope.label() + "' was given: add --vault-id "
                        + envelope.label() + "@FILE|prompt");
    }

    public String decryptText(String vaultText, SourceLocation where) {
        return new String(decrypt(vaultText, where), StandardCharsets.UTF_8);
    }

    /** The password to encrypt with: the one labelled {@code encryptVaultId}, else the first. */
    public VaultSecret forEncryption(String encryptVaultId) {
        if (secrets.isEmpty()) {
            throw new UserError("A vault password must be specified to encrypt data", null,
                    "give one with --vault-password-file FILE, --vault-id [LABEL@]FILE|prompt or --ask-vault-pass");
        }
        if (encryptVaultId == null) {
            return secrets.get(0);
        }
        return secrets.stream().filter(s -> s.label().equals(encryptVaultId)).findFirst()
                .orElseThrow(() -> new UserError("Did not find a match for --encrypt-vault-id=" + encryptVaultId
                        + " in the known vault-ids " + secrets.stream().map(VaultSecret::label).toList()));
    }

    /** Vault text for {@code plaintext}, with the label of the password used (format 1.2 unless "default"). */
    public String encrypt(byte[] plaintext, VaultSecret secret) {
        return VaultEnvelope.of(Aes256.encrypt(plaintext, secret.password()), secret.label()).format();
    }

    private List<VaultSecret> inTryOrder(String label) {
        List<VaultSecret> ordered = new ArrayList<>();
        if (label != null) {
            secrets.stream().filter(s -> s.label().equals(label)).forEach(ordered::add);
        }
        secrets.stream().filter(s -> !s.label().equals(label)).forEach(ordered::add);
        return ordered;
    }

    private static String describe(SourceLocation where) {
        if (where == null || !where.isKnown()) {
            return "the vault-encrypted value";
        }
        return where.line() > 0 ? "the !vault value at " + where : where.toString();
    }
}
