package dev.drover.facts;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the fact command's output for tests: named sections and files, as the shell prints them. */
final class Sections {

    private final Map<String, String> sections = new LinkedHashMap<>();

    Sections section(String name, String text) {
        sections.put(name, text);
        return this;
    }

    Sections file(String path, String content) {
        return section("file:" + path, content);
    }

    Sections exists(String path) {
        return section("exists:" + path, "");
    }

    RawFacts raw() {
        StringBuilder out = new StringBuilder();
        sections.forEach((name, text) -> out.append('\n').append(FactScript.MARKER).append(name).append('\n').append(text));
        out.append('\n').append(FactScript.MARKER).append("end\n");
        return RawFacts.parse(out.toString());
    }
}
