package dev.drover.modules.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one-line-style APT sources (sources.list and sources.list.d/*.list) as Ansible's
 * apt_repository models them: per file, lines parsed into (valid, enabled, source,
 * comment), and written back normalised ("# " for a disabled line, " # " before a
 * comment). Pure and mutable, one per task run.
 */
final class AptSources {

    static final String SOURCES_DIR = "/etc/apt/sources.list.d";
    static final String DEFAULT_FILE = "/etc/apt/sources.list";

    record Line(boolean valid, boolean enabled, String source, String comment) {

        String render() {
            return (enabled ? "" : "# ") + source + (comment.isEmpty() ? "" : " # " + comment) + "\n";
        }
    }

    /** A repo line that is not a "deb"/"deb-src" source, or is commented out. */
    static final class InvalidSource extends Exception {
        InvalidSource(String line) {
            super(line, null, false, false);
        }
    }

    private final Map<String, List<Line>> files = new LinkedHashMap<>();

    /** @param texts each file's text by path, sources.list first */
    static AptSources of(Map<String, String> texts) {
        AptSources sources = new AptSources();
        texts.forEach((path, text) -> {
            List<Line> lines = new ArrayList<>();
            for (String line : CronTab.splitLines(text)) {
                lines.add(parse(line));
            }
            sources.files.put(path, lines);
        });
        return sources;
    }

    /** Ansible's _parse: a leading # disables, a later # starts a comment, the first word decides validity. */
    static Line parse(String raw) {
        String line = raw.strip();
        boolean enabled = true;
        String comment = "";
        if (line.startsWith("#")) {
            enabled = false;
            line = line.substring(1);
        }
        int hash = line.indexOf('#');
        if (hash > 0) {
            comment = line.substring(hash + 1).strip();
            line = line.substring(0, hash);
        }
        String source = line.strip();
        boolean valid = false;
        if (!source.isEmpty()) {
            String[] chunks = source.split("\\s+");
            if (chunks[0].equals("deb") || chunks[0].equals("deb-src")) {
                valid = true;
                source = String.join(" ", chunks);
            }
        }
        return new Line(valid, enabled, source, comment);
    }

    static String validSource(String repo) throws InvalidSource {
        Line line = parse(repo);
        if (!line.valid() || !line.enabled()) {
            throw new InvalidSource(repo.strip().startsWith("#") ? repo.strip().substring(1) : repo.strip());
        }
        return line.source();
    }

    /** Ansible's _suggest_filename: the first URI's host and path, non-alphanumerics as underscores. */
    static String suggestFilename(String source, String filename) {
        if (filename != null) {
            return filename + ".list";
        }
        String line = source.replaceAll("\\[[^\\]]+\\]", "").replaceAll("\\w+://", "");
        List<String> parts = new ArrayList<>();
        for (String part : line.strip().split("\\s+")) {
            if (!part.equals("deb") && !part.equals("deb-src")) {
                parts.add(part);
            }
        }
        String first = parts.isEmpty() ? "" : parts.get(0);
        if (first.contains("@")) {
            first = first.substring(first.indexOf('@') + 1);
        }
        String cleaned = String.join("_", List.of(Pattern.compile("[^a-zA-Z0-9]").matcher(first).replaceAll(" ").strip()
                .split("\\s+")));
        return cleaned + ".list";
    }

    static String expandPath(String filename) {
        return filename.contains("/") ? filename : SOURCES_DIR + "/" + filename;
    }

    /** Enables every line with this source, or appends it to {@code file}; returns the files that are new. */
    void add(String source, String file) {
        boolean found = false;
        for (List<Line> lines : files.values()) {
            for (int i = 0; i < lines.size(); i++) {
                Line l = lines.get(i);
                if (l.valid() && l.source().equals(source)) {
                    lines.set(i, new Line(true, true, l.source(), l.comment()));
                    found = true;
                }
            }
        }
        if (!found) {
            files.computeIfAbsent(expandPath(file), f -> new ArrayList<>()).add(new Line(true, true, source, ""));
        }
    }

    void remove(String source) {
        for (List<Line> lines : files.values()) {
            lines.removeIf(l -> l.valid() && l.enabled() && l.source().equals(source));
        }
    }

    /** Each file's text as it would be written; files left without lines are absent (they get deleted). */
    Map<String, String> dump() {
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach((path, lines) -> {
            if (!lines.isEmpty()) {
                StringBuilder text = new StringBuilder();
                lines.forEach(l -> text.append(l.render()));
                out.put(path, text.toString());
            }
        });
        return out;
    }

    /** Every file known, including those now empty. */
    List<String> paths() {
        return List.copyOf(files.keySet());
    }
}
