package dev.drover.vault;

import dev.drover.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vault of one run: its passwords ({@link Keyring}) and the plaintexts opened so far
 * ({@link SecretMask}). Every file drover reads on the controller — playbooks, inventories,
 * vars files, copy and template sources, lookups — and every {@code !vault} value goes through
 * it, as everything goes through Ansible's DataLoader.
 *
 * <p>The run's vault is process-wide ({@link #use}): the CLI installs it for the duration of a
 * command. Threading it through every loader, module and lookup would touch them all for a
 * value they only pass along; the one static is the price of that. Without a vault installed,
 * reading plain files works and opening a vaulted one says that no password was given.
 */
public final class Vault {

    private static volatile Vault current = new Vault(Keyring.EMPTY);

    private final Keyring keyring;
    private final SecretMask mask;
    /** Decryption costs 10000 PBKDF2 rounds: each vault text is opened once per run, not once per host. */
    private final Map<String, byte[]> opened = new ConcurrentHashMap<>();

    public Vault(Keyring keyring) {
        this(keyring, new SecretMask());
    }

    /** @param mask where opened plaintexts are registered; the CLI masks its output with it */
    public Vault(Keyring keyring, SecretMask mask) {
        this.keyring = keyring;
        this.mask = mask;
    }

    public static Vault current() {
        return current;
    }

    /** Makes {@code vault} the run's vault until the returned scope is closed. */
    public static Scope use(Vault vault) {
        Vault previous = current;
        current = vault;
        return () -> current = previous;
    }

    public Keyring keyring() {
        return keyring;
    }

    public SecretMask mask() {
        return mask;
    }

    /** An inline {@code !vault} value, opened when it is first used; its plaintext is masked from then on. */
    public String reveal(String vaultText, SourceLocation where) {
        String plain = new String(open(vaultText, where), StandardCharsets.UTF_8);
        mask.addContent(plain);
        return plain;
    }

    /**
     * A vaulted file's content, decrypted; the caller registers what in it is secret (a vars
     * file its values, a copied file its content).
     */
    public byte[] open(byte[] fileContent, Path file) {
        return open(new String(fileContent, StandardCharsets.US_ASCII), SourceLocation.of(file));
    }

    /** A file's bytes as Ansible's loader gives them: decrypted when vaulted, its content masked from then on. */
    public byte[] readFile(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        if (!VaultEnvelope.isVaulted(content)) {
            return content;
        }
        byte[] plain = open(content, file);
        mask.addContent(plain);
        return plain;
    }

    private byte[] open(String vaultText, SourceLocation where) {
        // computeIfAbsent: hosts asking for the same value at once wait for one decryption.
        return opened.computeIfAbsent(vaultText.strip(), text -> keyring.decrypt(text, where)).clone();
    }

    /** Restores the previous vault. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
