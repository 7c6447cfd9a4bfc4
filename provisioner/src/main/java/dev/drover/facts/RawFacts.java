package dev.drover.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fact command's output, split into its sections (see {@link FactScript}). */
final class RawFacts {

    private final Map<String, String> sections;

    private RawFacts(Map<String, String> sections) {
        this.sections = sections;
    }

    static RawFacts parse(String output) {
        Map<String, String> sections = new LinkedHashMap<>();
        String name = null;
        StringBuilder text = new StringBuilder();
        for (String line : output.split("\n", -1)) {
            if (line.startsWith(FactScript.MARKER)) {
                if (name != null) {
                    sections.put(name, withoutSeparator(text));
                }
                name = line.substring(FactScript.MARKER.length());
                text.setLength(0);
            } else if (name != null) {
                text.append(line).append('\n');
            }
        }
        if (name != null && !name.equals("end")) {
            sections.put(name, withoutSeparator(text));
        }
        return new RawFacts(sections);
    }

    /** Each section ends with the line break the next marker added, and the split added one more. */
    private static String withoutSeparator(StringBuilder text) {
        String s = text.toString();
        if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    boolean has(String section) {
        return sections.containsKey(section);
    }

    /** A command's output, or empty text when the section is missing. */
    String section(String name) {
        return sections.getOrDefault(name, "");
    }

    List<String> lines(String name) {
        String text = section(name);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    /** A file's content as Ansible's get_file_content returns it: stripped, or empty when missing. */
    Optional<String> file(String path) {
        String content = sections.get("file:" + path);
        return content == null ? Optional.empty() : Optional.of(content.strip());
    }

    /** The file's raw content (not stripped), or null. */
    String rawFile(String path) {
        return sections.get("file:" + path);
    }

    boolean exists(String path) {
        return sections.containsKey("exists:" + path) || sections.containsKey("file:" + path);
    }

    Map<String, String> all() {
        return sections;
    }
}
