package dev.drover.vault;

/** Text that claims to be vault-encrypted but is not well formed; a caller adds where it came from. */
public final class VaultFormatException extends RuntimeException {
    public VaultFormatException(String message) {
        super(message);
    }
}
