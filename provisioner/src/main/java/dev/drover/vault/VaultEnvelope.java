package dev.drover.vault;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text form of a vault-encrypted value: a header line {@code $ANSIBLE_VAULT;1.1;AES256}
 * (or {@code 1.2;AES256;LABEL} when a vault id other than "default" encrypted it), then the
 * hexlified payload in lines of 80 characters. The label is a hint for picking the password;
 * nothing checks it cryptographically.
 *
 * @param label the vault id of a 1.2 envelope, or null
 * @param payload the hex text of the payload, line breaks removed
 */
public record VaultEnvelope(String version, String cipher, String label, String payload) {

    public static final String HEADER = "$ANSIBLE_VAULT";
    private static final int LINE = 80;

    /** As Ansible decides: the text (ASCII) starts with the header. */
    public static boolean isVaulted(String text) {
        return text != null && text.startsWith(HEADER);
    }

    public static boolean isVaulted(byte[] bytes) {
        byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length < header.length) {
            return false;
        }
        for (int i = 0; i < header.length; i++) {
            if (bytes[i] != header[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads an envelope; leading and trailing blank space is ignored, as Ansible does. */
    public static VaultEnvelope parse(String text) {
        String[] lines = text.strip().split("\r?\n");
        String[] header = lines[0].strip().split(";");
        if (!header[0].equals(HEADER) || header.length < 3) {
            throw new VaultFormatException("the first line is not a vault header ($ANSIBLE_VAULT;1.1;AES256 or"
                    + " $ANSIBLE_VAULT;1.2;AES256;LABEL): " + lines[0].strip());
        }
        String version = header[1].strip();
        if (!version.equals("1.1") && !version.equals("1.2") && !version.equals("1.0")) {
            throw new VaultFormatException("unknown vault format version " + version + " (1.1 and 1.2 are supported)");
        }
        String cipher = header[2].strip();
        if (!cipher.equals("AES256")) {
            throw new VaultFormatException("unsupported vault cipher " + cipher + " (only AES256 is supported)");
        }
        String label = header.length >= 4 ? header[3].strip() : null;
        StringBuilder payload = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            payload.append(lines[i].strip());
        }
        return new VaultEnvelope(version, cipher, label, payload.toString());
    }

    /** An envelope for a payload; a label other than "default" makes it format 1.2, as ansible-vault writes. */
    public static VaultEnvelope of(String payload, String label) {
        boolean labelled = label != null && !label.isEmpty() && !label.equals(Keyring.DEFAULT_LABEL);
        return new VaultEnvelope(labelled ? "1.2" : "1.1", "AES256", labelled ? label : null, payload);
    }

    /** The envelope as ansible-vault writes it: header, 80-column lines, a final newline. */
    public String format() {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER + ";" + version + ";" + cipher + (label != null ? ";" + label : ""));
        for (int i = 0; i < payload.length(); i += LINE) {
            lines.add(payload.substring(i, Math.min(payload.length(), i + LINE)));
        }
        return String.join("\n", lines) + "\n";
    }
}
