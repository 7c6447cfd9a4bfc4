package dev.drover.modules.net;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an {@link HttpRequest} got, in the terms Ansible's fetch_url reports: the status
 * (-1 when no response came), the message ("OK (12 bytes)", "HTTP Error 404: Not Found",
 * "Request failed: &lt;urlopen error ...&gt;"), the final URL, and the last response's
 * headers with lower-case names (repeated ones joined with ", ").
 */
record HttpResponse(String tool, int status, String msg, String url, Map<String, String> headers) {

    /** The tool was missing: neither curl nor (where allowed) wget is on the host. */
    boolean noTool() {
        return tool.equals("none");
    }

    /**
     * Reads the Q, E and N lines of {@link HttpRequest#script}.
     *
     * @param requested the URL asked for, reported when the tool did not say where it ended
     */
    static HttpResponse parse(List<String> lines, String requested) {
        String q = find(lines, "Q ");
        String e = find(lines, "E ");
        String n = find(lines, "N ");
        String headerText = n == null ? "" : new String(Base64.getDecoder().decode(n.trim()), StandardCharsets.ISO_8859_1);
        if (q == null || q.equals("none")) {
            return new HttpResponse("none", -1, "neither curl nor wget is installed on the host", requested, Map.of());
        }
        String[] parts = q.split(" ", 4);
        String tool = parts[0];
        int exit = Integer.parseInt(parts[1]);
        if (tool.equals("wget")) {
            return fromWget(exit, headerText, requested);
        }
        int status = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
        String url = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : requested;
        if (exit != 0 || status == 0) {
            return new HttpResponse(tool, -1, failure(exit, e == null ? "" : e.trim()), requested, Map.of());
        }
        Block last = lastBlock(headerText);
        return new HttpResponse(tool, status, message(status, last), url, last.headers());
    }

    private static HttpResponse fromWget(int exit, String stderr, String requested) {
        // wget -S prints each response's headers indented by two spaces; the last block is the final response.
        StringBuilder responses = new StringBuilder();
        for (String line : stderr.split("\n")) {
            if (line.startsWith("  ")) {
                responses.append(line.substring(2)).append("\r\n");
            }
        }
        Block last = lastBlock(responses.toString());
        if (last.status() == 0) {
            return new HttpResponse("wget", -1, failure(exit == 4 ? 7 : exit == 5 ? 60 : exit, stderr.trim()), requested,
                    Map.of());
        }
        return new HttpResponse("wget", last.status(), message(last.status(), last), requested, last.headers());
    }

    private static String message(int status, Block last) {
        if (status >= 200 && status < 300) {
            return "OK (" + last.headers().getOrDefault("content-length", "unknown") + " bytes)";
        }
        return "HTTP Error " + status + ": " + last.reason();
    }

    /** The Python message for what curl's exit code means. */
    static String failure(int curlExit, String said) {
        return switch (curlExit) {
            case 6 -> "Request failed: <urlopen error [Errno -2] Name or service not known>";
            case 7 -> "Request failed: <urlopen error [Errno 111] Connection refused>";
            case 28 -> "Connection failure: timed out";
            case 35, 60 -> "Request failed: <urlopen error " + said + ">";
            default -> "Request failed: " + (said.isEmpty() ? "curl exit code " + curlExit : said);
        };
    }

    /** One response's status line and headers. */
    record Block(int status, String reason, Map<String, String> headers) {
    }

    /** The last response in a dump of one or more (redirects, 100 Continue) header blocks. */
    static Block lastBlock(String text) {
        List<Block> blocks = new ArrayList<>();
        Block current = null;
        for (String raw : text.split("\r?\n")) {
            String line = raw.stripTrailing();
            if (line.startsWith("HTTP/")) {
                String[] status = line.split(" ", 3);
                current = new Block(Integer.parseInt(status[1]), status.length > 2 ? status[2] : "", new LinkedHashMap<>());
                blocks.add(current);
            } else if (current != null && line.contains(":")) {
                String name = line.substring(0, line.indexOf(':')).trim().toLowerCase();
                String value = line.substring(line.indexOf(':') + 1).trim();
                current.headers().merge(name, value, (a, b) -> a + ", " + b);
            }
        }
        // A 100 Continue is not the answer.
        for (int i = blocks.size() - 1; i >= 0; i--) {
            if (blocks.get(i).status() != 100) {
                return blocks.get(i);
            }
        }
        return new Block(0, "", Map.of());
    }

    private static String find(List<String> lines, String tag) {
        for (String line : lines) {
            if (line.startsWith(tag)) {
                return line.substring(tag.length());
            }
        }
        return null;
    }
}
