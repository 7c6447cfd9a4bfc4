package dev.drover.vault;

/**
 * One vault password with its label (the vault id; "default" when none was given) and where it
 * came from, for messages. The password never appears in {@link #toString()}.
 */
public record VaultSecret(String label, byte[] password, String origin) {

    public String describe() {
        return label + " (" + origin + ")";
    }

    @Override
    public String toString() {
        return "VaultSecret[" + describe() + "]";
    }
}
