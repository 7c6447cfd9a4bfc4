package dev.drover.modules.net;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * get_url's checksum argument: {@code ALGORITHM:HEX}, or {@code ALGORITHM:URL} of a
 * checksum file ({@code sha256sum} output, or a lone digest) in which the line for the
 * downloaded file's name gives the digest. Parsed and checked as Ansible does.
 */
record ChecksumSpec(String algorithm, String value) {

    static final Set<String> ALGORITHMS = Set.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512");

    /** Splits "sha256:abc..." at the first colon; the value may still be a URL. */
    static ChecksumSpec parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("The checksum parameter has to be in format <algorithm>:<checksum>");
        }
        return new ChecksumSpec(text.substring(0, colon), text.substring(colon + 1));
    }

    /** Whether the value names a checksum file to download (Ansible's is_url). */
    boolean isUrl() {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("ftp://")
                || lower.startsWith("file:");
    }

    /** The digest as Ansible compares it: non-word characters dropped, lower case; must be hex. */
    String normalizedHex() {
        String hex = value.replaceAll("\\W+", "").toLowerCase(Locale.ROOT);
        if (hex.isEmpty() || !hex.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("The checksum format is invalid");
        }
        return hex;
    }

    /**
     * The digest for {@code filename} in a checksum file's lines, or null: a file of one word
     * is that digest; otherwise "DIGEST  NAME" or "DIGEST *NAME" lines, names without "./".
     */
    static String fromChecksumFile(List<String> lines, String filename) {
        if (lines.size() == 1 && lines.get(0).trim().split("\\s+").length == 1 && !lines.get(0).isBlank()) {
            return lines.get(0).trim().split("\\s+")[0].equals(lines.get(0).trim()) ? lines.get(0).trim() : null;
        }
        for (String line : lines) {
            int space = line.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String digest = line.substring(0, space);
            String name = line.substring(space + 1);
            if (name.startsWith(" ") || name.startsWith("*")) {
                name = name.substring(1);
            }
            name = stripLeading(name, "./");
            if (name.equals(filename)) {
                return digest;
            }
        }
        return null;
    }

    /** Python's str.lstrip(chars): drops any of the characters from the start. */
    private static String stripLeading(String text, String chars) {
        int i = 0;
        while (i < text.length() && chars.indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return text.substring(i);
    }

    /** Ansible's url_filename: the last part of the URL's path, or index.html. */
    static String urlFilename(String url) {
        String path;
        try {
            path = java.net.URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            path = url;
        }
        if (path == null) {
            path = "";
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? "index.html" : name;
    }
}
