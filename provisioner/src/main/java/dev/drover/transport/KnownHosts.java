package dev.drover.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * Verifies host keys against OpenSSH known_hosts files, as ssh does: plain, comma-separated,
 * {@code [host]:port}, wildcard and hashed ({@code |1|salt|hash}) host fields, and
 * {@code @revoked} lines. Keys are compared as their base64 wire encoding, so no stored key
 * is ever parsed: parsing RSA keys costs a primality test each, which made a large
 * known_hosts file the slowest part of connecting. Each file is read once per run.
 */
public final class KnownHosts implements HostKeyVerifier {

    private static final Map<Path, List<Entry>> CACHE = new ConcurrentHashMap<>();

    /** One line of a known_hosts file. */
    private record Entry(String marker, String hosts, String keyType, String keyBase64) {
    }

    private final List<Path> files;

    public KnownHosts(List<Path> files) {
        this.files = List.copyOf(files);
    }

    /** Whether any of the files exists, i.e. whether there is anything to verify against. */
    public boolean available() {
        return files.stream().anyMatch(Files::isRegularFile);
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        String type = KeyType.fromKey(key).toString();
        String blob = Base64.getEncoder().encodeToString(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
        boolean matched = false;
        for (Entry entry : entries()) {
            if (!matchesHost(entry.hosts(), hostname, port)) {
                continue;
            }
            boolean sameKey = entry.keyType().equals(type) && entry.keyBase64().equals(blob);
            if ("@revoked".equals(entry.marker()) && sameKey) {
                return false;
            }
            if (entry.marker() == null && sameKey) {
                matched = true;
            }
        }
        return matched;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        List<String> types = new ArrayList<>();
        for (Entry entry : entries()) {
            if (entry.marker() == null && matchesHost(entry.hosts(), hostname, port) && !types.contains(entry.keyType())) {
                types.add(entry.keyType());
            }
        }
        return types;
    }

    private List<Entry> entries() {
        List<Entry> all = new ArrayList<>();
        for (Path file : files) {
            all.addAll(CACHE.computeIfAbsent(file.toAbsolutePath(), KnownHosts::read));
        }
        return all;
    }

    private static List<Entry> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] fields = text.split("\\s+");
            int at = 0;
            String marker = null;
            if (fields[0].startsWith("@")) {
                marker = fields[0];
                at = 1;
            }
            if (fields.length < at + 3) {
                continue;
            }
            entries.add(new Entry(marker, fields[at], fields[at + 1], fields[at + 2]));
        }
        return List.copyOf(entries);
    }

    /** Whether a host field names this host, as ssh matches it (the last matching pattern decides negation). */
    static boolean matchesHost(String hostsField, String hostname, int port) {
        String name = port == 22 ? hostname : "[" + hostname + "]:" + port;
        if (hostsField.startsWith("|1|")) {
            return hashedMatches(hostsField, name);
        }
        boolean matched = false;
        for (String pattern : hostsField.split(",")) {
            boolean negated = pattern.startsWith("!");
            String glob = negated ? pattern.substring(1) : pattern;
            if (globMatches(glob, name)) {
                if (negated) {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    private static boolean globMatches(String glob, String name) {
        if (glob.indexOf('*') < 0 && glob.indexOf('?') < 0) {
            return glob.equalsIgnoreCase(name);
        }
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(name).matches();
    }

    private static boolean hashedMatches(String field, String name) {
        String[] parts = field.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return MessageDigest.isEqual(expected, mac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
