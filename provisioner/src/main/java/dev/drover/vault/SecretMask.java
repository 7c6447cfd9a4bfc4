package dev.drover.vault;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The plaintexts the vault has opened during a run, and the one place they are blotted out of
 * everything drover prints. Masking at the output, rather than tracking which values came from
 * the vault through templating, also catches a secret that was copied, joined into a command,
 * put into an error message or a diff: whatever path it took, the text never reaches the screen.
 *
 * <p>A value is masked as written, JSON-escaped and Python-escaped (results print in those
 * forms), and line by line when it spans lines (diffs print lines). Values shorter than
 * {@link #MIN_LENGTH} characters, numbers of up to five digits (ports, counts), and the words JSON and results are made of (true,
 * null, changed...) are not masked: blotting out every "80" or "true" would make the output
 * unreadable or break a JSON document, and such values are not secret.
 */
public final class SecretMask {

    public static final String MASK = "********";
    public static final int MIN_LENGTH = 4;

    /**
     * Words and numbers that the output's own syntax is made of: masking a vaulted "true" would
     * break every JSON document printed, and none of these is a secret.
     */
    private static final Pattern NOT_SECRET = Pattern.compile(
            "(?i)true|false|null|none|yes|no|changed|failed|skipped|[-+]?[0-9]{1,5}([.][0-9]+)?");

    /** Longest first, so that a secret containing another is masked whole. */
    private volatile List<String> secrets = List.of();

    /** Registers a revealed text: as a whole, in its escaped forms, and each of its lines. */
    public void addContent(String plaintext) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(plaintext);
        forms.add(plaintext.strip());
        forms.add(jsonEscaped(plaintext.strip()));
        forms.add(pythonEscaped(plaintext.strip()));
        for (String line : plaintext.split("\r?\n")) {
            forms.add(line.strip());
        }
        addAll(forms);
    }

    public void addContent(byte[] plaintext) {
        addContent(new String(plaintext, StandardCharsets.UTF_8));
    }

    /** Registers every text inside a decrypted document (a vaulted vars file): its values, not its keys. */
    public void addValues(Object document) {
        if (document instanceof String text) {
            addContent(text);
        } else if (document instanceof Map<?, ?> map) {
            map.values().forEach(this::addValues);
        } else if (document instanceof Iterable<?> items) {
            items.forEach(this::addValues);
        }
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    /** The text with every known secret replaced by {@link #MASK}. */
    public String mask(String text) {
        List<String> known = secrets;
        if (known.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : known) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    private synchronized void addAll(Set<String> forms) {
        Set<String> all = new LinkedHashSet<>(secrets);
        for (String form : forms) {
            if (form.length() >= MIN_LENGTH && !form.equals(MASK) && !NOT_SECRET.matcher(form).matches()) {
                all.add(form);
            }
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        secrets = List.copyOf(sorted);
    }

    private static String jsonEscaped(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String pythonEscaped(String text) {
        return text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}
