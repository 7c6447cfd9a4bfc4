package dev.drover.modules.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /etc/fstab edited the way ansible.posix.mount edits it on Linux: the entry whose mount
 * point is the path is rewritten when a field differs (or appended when there is none),
 * or every such entry removed. Fields are escaped as Ansible escapes them (space, &amp;,
 * backslash as octal). Other lines are kept byte for byte. Pure.
 */
final class Fstab {

    /** The wanted entry, unescaped. */
    record Entry(String src, String name, String fstype, String opts, String dump, String passno) {

        String line() {
            return escape(src) + " " + escape(name) + " " + escape(fstype) + " " + escape(opts) + " " + escape(dump) + " "
                    + escape(passno) + "\n";
        }
    }

    /** The new text and whether it differs. */
    record Edit(String text, boolean changed) {
    }

    private Fstab() {
    }

    static String escape(String field) {
        return field.replace("\\", "\\134").replace(" ", "\\040").replace("&", "\\046");
    }

    /** Python's readlines(): lines with their line ends. */
    static List<String> readLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** state present/mounted: set the entry, appending it when the path has none. */
    static Edit set(String text, Entry wanted, boolean srcGiven) {
        StringBuilder out = new StringBuilder();
        boolean exists = false;
        boolean changed = false;
        String[] labels = {"src", "name", "fstype", "opts", "dump", "passno"};
        Map<String, String> want = Map.of("src", escape(wanted.src()), "name", escape(wanted.name()),
                "fstype", escape(wanted.fstype()), "opts", escape(wanted.opts()), "dump", escape(wanted.dump()),
                "passno", escape(wanted.passno()));
        for (String raw : readLines(text)) {
            String line = raw.endsWith("\n") ? raw : raw + "\n";
            String[] fields = line.strip().isEmpty() ? new String[0] : line.strip().split("\\s+");
            if (line.strip().isEmpty() || line.strip().startsWith("#") || fields.length < 4 || fields.length > 6) {
                out.append(line);
                continue;
            }
            Map<String, String> have = new LinkedHashMap<>();
            // Ansible fills missing dump/passno with the number 0, which never equals the text "0": such a
            // line is always rewritten. null stands for that number here.
            have.put("dump", null);
            have.put("passno", null);
            for (int i = 0; i < fields.length; i++) {
                have.put(labels[i], fields[i]);
            }
            if (!have.get("name").equals(want.get("name")) || (srcGiven && have.get("name").equals("none")
                    && have.get("fstype").equals("swap") && !have.get("src").equals(wanted.src()))) {
                out.append(line);
                continue;
            }
            exists = true;
            for (String t : List.of("src", "fstype", "opts", "dump", "passno")) {
                if (!want.get(t).equals(have.get(t))) {
                    have.put(t, want.get(t));
                    changed = true;
                }
            }
            if (changed) {
                out.append(have.get("src")).append(' ').append(have.get("name")).append(' ').append(have.get("fstype"))
                        .append(' ').append(have.get("opts")).append(' ').append(have.get("dump")).append(' ')
                        .append(have.get("passno")).append('\n');
            } else {
                out.append(line);
            }
        }
        if (!exists) {
            out.append(wanted.line());
            changed = true;
        }
        return new Edit(out.toString(), changed);
    }

    /** state absent/absent_from_fstab: drop the path's six-field entries. */
    static Edit unset(String text, String name, String src) {
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        String escaped = escape(name);
        for (String line : readLines(text)) {
            String[] fields = line.strip().isEmpty() ? new String[0] : line.strip().split("\\s+");
            if (line.strip().isEmpty() || line.strip().startsWith("#") || fields.length != 6) {
                out.append(line);
                continue;
            }
            if (!fields[1].equals(escaped) || (src != null && fields[1].equals("none") && fields[2].equals("swap")
                    && !fields[0].equals(src))) {
                out.append(line);
                continue;
            }
            changed = true;
        }
        return new Edit(out.toString(), changed);
    }
}
