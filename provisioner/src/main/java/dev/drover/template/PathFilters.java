package dev.drover.template;

import java.util.List;

/** basename, dirname, expanduser, splitext: POSIX path semantics, as Python's posixpath. */
final class PathFilters {

    private PathFilters() {}

    static List<AnsibleFilter> all() {
        return List.of(
                AnsibleFilter.of("basename", (v, a) -> basename(PythonRepr.str(v))),
                AnsibleFilter.of("dirname", (v, a) -> dirname(PythonRepr.str(v))),
                AnsibleFilter.of("expanduser", (v, a) -> expanduser(PythonRepr.str(v))),
                AnsibleFilter.of("splitext", (v, a) -> splitext(PythonRepr.str(v))));
    }

    static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String dirname(String path) {
        String head = path.substring(0, path.lastIndexOf('/') + 1);
        if (!head.isEmpty() && !head.chars().allMatch(c -> c == '/')) {
            head = head.replaceAll("/+$", "");
        }
        return head;
    }

    private static String expanduser(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }

    private static Object splitext(String path) {
        String base = basename(path);
        int dot = base.lastIndexOf('.');
        if (dot <= 0 || base.chars().limit(dot).allMatch(c -> c == '.')) {
            return Tuples.of(path, "");
        }
        int cut = path.length() - base.length() + dot;
        return Tuples.of(path.substring(0, cut), path.substring(cut));
    }
}
