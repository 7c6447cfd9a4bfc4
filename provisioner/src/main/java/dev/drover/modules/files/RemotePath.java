package dev.drover.modules.files;

import dev.drover.transport.ShellQuote;

/**
 * How a path argument reaches a remote command line. Ansible expands {@code ~} on the
 * host (the module runs there), so {@code ~/x} becomes {@code "$HOME"/x} here and the shell
 * does the same; everything else is quoted as it is.
 */
public final class RemotePath {

    private RemotePath() {
    }

    public static String word(String path) {
        if (path.equals("~")) {
            return "\"$HOME\"";
        }
        if (path.startsWith("~/")) {
            String rest = path.substring(2);
            return rest.isEmpty() ? "\"$HOME\"/" : "\"$HOME\"/" + ShellQuote.quote(rest);
        }
        return ShellQuote.quote(path);
    }

    /** os.path.dirname. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return "";
        }
        String head = path.substring(0, slash + 1);
        // Like Python, keep a run of leading slashes but drop trailing ones.
        String trimmed = head.replaceAll("/+$", "");
        return trimmed.isEmpty() ? head : trimmed;
    }

    /** os.path.basename. */
    public static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** os.path.join for two parts. */
    public static String join(String dir, String name) {
        if (name.startsWith("/")) {
            return name;
        }
        if (dir.isEmpty() || dir.endsWith("/")) {
            return dir + name;
        }
        return dir + "/" + name;
    }
}
