package dev.drover.yaml;

import dev.drover.SourceLocation;
import dev.drover.vault.Vault;

/**
 * A {@code !vault} value as written in a file: ciphertext to be opened with the vault password.
 * It stays closed until a template reads it, so a play that never uses it needs no password.
 */
public record VaultText(String ciphertext, SourceLocation location) {

    /** The plaintext, opened with the run's vault (and masked in all output from now on). */
    public String reveal() {
        return Vault.current().reveal(ciphertext, location);
    }
    @Override
    public String toString() {
        return "<vault-encrypted value at " + location + ">";
    }
}
