package dev.drover.yaml;

import dev.drover.SourceLocation;

/** A {@code !vault} value as written in a file: ciphertext to be opened with the vault password. */
public record VaultText(String ciphertext, SourceLocation location) {
    @Override
    public String toString() {
        return "<vault-encrypted value at " + location + ">";
    }
}
