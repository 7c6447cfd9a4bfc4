package dev.drover.modules.system;

import java.util.ArrayList;
import java.util.List;

/** Key ids as Ansible's apt_key reads them from gpg and apt-key output, and checks them. Pure. */
final class AptKeyIds {

    /** The parts of a key id: the last 8 characters (for apt-key del), the last 16 (to compare), all of it. */
    record KeyId(String shortId, String fingerprint, String keyId) {
    }

    private AptKeyIds() {
    }

    /** Ansible's parse_key_id; null when the id is not hexadecimal or has a wrong length. */
    static KeyId parse(String id) {
        if (id == null) {
            return null;
        }
        String key = id.strip().toUpperCase(java.util.Locale.ROOT);
        if (key.startsWith("0X")) {
            key = key.substring(2);
        }
        if (key.isEmpty() || !key.matches("[0-9A-F]+")) {
            return null;
        }
        int len = key.length();
        if (len != 8 && len != 16 && len <= 16) {
            return null;
        }
        return new KeyId(key.substring(len - 8), len > 16 ? key.substring(len - 16) : key, key);
    }

    /** Ansible's parse_output_for_keys: ids of "pub"/"sub" lines not expired, "TYPE/ID" or colon format. */
    static List<String> keys(String output, boolean shortFormat) {
        List<String> found = new ArrayList<>();
        for (String line : output.split("\n", -1)) {
            if ((line.startsWith("pub") || line.startsWith("sub")) && !line.contains("expired")) {
                String[] tokens = line.strip().split("\\s+");
                String code = null;
                if (tokens.length > 1 && tokens[1].split("/", -1).length == 2) {
                    code = tokens[1].split("/", -1)[1];
                } else {
                    String[] colon = line.split(":", -1);
                    if (colon.length > 4) {
                        code = colon[4];
                    }
                }
                if (code != null) {
                    found.add(shortFormat && code.length() > 8 ? code.substring(code.length() - 8) : code);
                }
            }
        }
        return found;
    }
}
