package dev.drover.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a probe found, as the values each property is judged against: booleans, numbers,
 * text and lists, named as the check's attributes. An {@code error} means the probe could
 * not look at all (no curl, no systemctl): every property of the check fails with it.
 */
record Findings(Map<String, Object> values, String error) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DF_NUMBERS = Pattern.compile("\\s(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)%\\s");
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\S+\\s+(\\d{3})");

    static Findings error(String message) {
        return new Findings(Map.of(), message);
    }

    /** Reads the probe's {@code key=value} lines for a check of this type. */
    static Findings read(Check check, Map<String, String> raw) {
        Map<String, Object> v = new HashMap<>();
        String id = check.id();
        switch (check.type()) {
            case "port" -> port(Probes.setting(check.properties(), "port", id), raw, v);
            case "service" -> {
                if (raw.containsKey("missing")) {
                    return error("systemctl is not installed on this host (only systemd services are supported)");
                }
                v.put("running", "0".equals(raw.get("running")));
                v.put("enabled", "0".equals(raw.get("enabled")));
            }
            case "file" -> file(raw, v);
            case "package" -> packages(raw, v);
            case "command" -> {
                v.put("exit-status", Integer.parseInt(raw.getOrDefault("exit-status", "-1")));
                v.put("stdout", raw.getOrDefault("stdout", ""));
                v.put("stderr", raw.getOrDefault("stderr", ""));
            }
            case "http" -> {
                String problem = fetchProblem(raw);
                if (problem != null) {
                    return error(problem);
                }
                v.put("status", status(raw.get("headers")));
                v.put("body", raw.getOrDefault("body", ""));
                v.put("headers", headers(raw.get("headers")));
            }
            case "process" -> v.put("running", Integer.parseInt(raw.getOrDefault("count", "0").strip()) > 0);
            case "user" -> user(raw, v);
            case "group" -> {
                String[] fields = raw.getOrDefault("group", "").split(":", -1);
                v.put("exists", "0".equals(raw.get("found")));
                v.put("gid", fields.length > 2 ? Integer.valueOf(fields[2]) : null);
            }
            case "kernel-param" -> {
                if (!"0".equals(raw.get("found"))) {
                    String name = Probes.setting(check.properties(), "name", id);
                    return error("no kernel parameter " + name + " (/proc/sys/" + name.replace('.', '/') + " is missing)");
                }
                v.put("value", raw.getOrDefault("value", "").strip());
            }
            case "mount" -> mount(Probes.setting(check.properties(), "mountpoint", id), raw, v);
            case "addr" -> {
                if (raw.containsKey("missing")) {
                    return error("addr checks need bash or curl on the host");
                }
                v.put("reachable", "0".equals(raw.get("reachable")));
            }
            case "dns" -> {
                v.put("resolvable", "0".equals(raw.get("found")));
                Set<String> addresses = new LinkedHashSet<>();
                for (String line : lines(raw.get("addrs"))) {
                    addresses.add(line.split("\\s+")[0]);
                }
                v.put("addrs", new ArrayList<>(addresses));
            }
            case "interface" -> {
                v.put("exists", "0".equals(raw.get("found")));
                List<String> addresses = new ArrayList<>();
                for (String line : lines(raw.get("addrs"))) {
                    Matcher inet = Pattern.compile("\\sinet6?\\s+(\\S+)").matcher(line);
                    if (inet.find()) {
                        addresses.add(inet.group(1));
                    }
                }
                v.put("addrs", addresses);
                Matcher mtu = Pattern.compile("\\smtu\\s+(\\d+)").matcher(raw.getOrDefault("link", ""));
                v.put("mtu", mtu.find() ? Integer.valueOf(mtu.group(1)) : null);
            }
            case "disk" -> disk(raw.get("df"), v);
            case "memory" -> {
                Map<String, Long> meminfo = new HashMap<>();
                for (String line : lines(raw.get("meminfo"))) {
                    String[] parts = line.split("[:\\s]+");
                    if (parts.length >= 2) {
                        meminfo.put(parts[0], Long.parseLong(parts[1]));
                    }
                }
                v.put("total_mb", meminfo.getOrDefault("MemTotal", 0L) / 1024);
                v.put("available_mb", meminfo.getOrDefault("MemAvailable", meminfo.getOrDefault("MemFree", 0L)) / 1024);
            }
            case "load" -> {
                String[] parts = raw.getOrDefault("loadavg", "0 0 0").strip().split("\\s+");
                v.put("load1", Double.valueOf(parts[0]));
                v.put("load5", Double.valueOf(parts[1]));
                v.put("load15", Double.valueOf(parts[2]));
            }
            case "cpu" -> v.put("count", Integer.valueOf(raw.getOrDefault("count", "0").strip()));
            case "matching" -> v.put("matches", check.properties().get("content"));
            case "nomad_node" -> {
                return nomad(check, raw);
            }
            case "consul_service" -> {
                String problem = fetchProblem(raw);
                if (problem != null) {
                    return error(problem);
                }
                int status = status(raw.get("headers"));
                if (status != 200) {
                    return error("Consul answered HTTP " + status + ": " + raw.getOrDefault("body", "").strip());
                }
                JsonNode entries = json(raw.get("body"));
                v.put("passing", entries == null || !entries.isArray() ? 0 : entries.size());
            }
            case "docker_container" -> {
                return docker(raw);
            }
            default -> throw new IllegalArgumentException(check.type());
        }
        return new Findings(v, null);
    }

    private static void port(String id, Map<String, String> raw, Map<String, Object> v) {
        String proto = id.contains(":") ? id.substring(0, id.indexOf(':')) : "tcp";
        int port = Integer.parseInt(id.substring(id.indexOf(':') + 1));
        List<String> tables = proto.endsWith("6") ? List.of(proto) : List.of(proto, proto + "6");
        boolean udp = proto.startsWith("udp");
        List<String> addresses = new ArrayList<>();
        for (String table : tables) {
            for (String line : lines(raw.get(table))) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length < 4 || !fields[1].contains(":") || fields[0].equals("sl")) {
                    continue;
                }
                String[] local = fields[1].split(":");
                boolean listening = udp ? fields[3].equals("07") : fields[3].equals("0A");
                if (listening && Integer.parseInt(local[1], 16) == port) {
                    String address = ProcNetAddress.decode(local[0]);
                    if (!addresses.contains(address)) {
                        addresses.add(address);
                    }
                }
            }
        }
        v.put("listening", !addresses.isEmpty());
        v.put("ip", addresses);
    }

    private static void file(Map<String, String> raw, Map<String, Object> v) {
        boolean exists = "0".equals(raw.get("exists"));
        v.put("exists", exists);
        if (!exists) {
            return;
        }
        String mode = raw.getOrDefault("mode", "");
        v.put("mode", mode.length() < 4 ? "0".repeat(4 - mode.length()) + mode : mode);
        v.put("owner", raw.get("owner"));
        v.put("group", raw.get("group"));
        v.put("uid", Integer.valueOf(raw.getOrDefault("uid", "-1")));
        v.put("gid", Integer.valueOf(raw.getOrDefault("gid", "-1")));
        v.put("size", Long.valueOf(raw.getOrDefault("size", "-1")));
        v.put("filetype", switch (raw.getOrDefault("filetype", "")) {
            case "regular file", "regular empty file" -> "file";
            case "directory" -> "directory";
            case "symbolic link" -> "symlink";
            case "character special file" -> "character-device";
            case "block special file" -> "block-device";
            case "fifo" -> "pipe";
            case "socket" -> "socket";
            default -> raw.getOrDefault("filetype", "");
        });
        v.put("linked-to", raw.get("linked-to"));
        v.put("contents", raw.get("contents"));
        v.put("contains", raw.get("contents"));
        v.put("md5", raw.get("md5"));
        v.put("sha256", raw.get("sha256"));
        v.put("sha512", raw.get("sha512"));
    }

    private static void packages(Map<String, String> raw, Map<String, Object> v) {
        List<String> versions = new ArrayList<>();
        for (String line : lines(raw.get("dpkg"))) {
            String[] parts = line.split("\\|", 2);
            if (parts.length == 2 && parts[0].startsWith("ii") && !versions.contains(parts[1])) {
                versions.add(parts[1]);
            }
        }
        for (String line : lines(raw.get("rpm"))) {
            if (!line.contains("not installed") && !versions.contains(line.strip())) {
                versions.add(line.strip());
            }
        }
        v.put("installed", !versions.isEmpty());
        v.put("versions", versions);
    }

    private static void user(Map<String, String> raw, Map<String, Object> v) {
        boolean exists = "0".equals(raw.get("found"));
        v.put("exists", exists);
        String[] fields = raw.getOrDefault("passwd", "").strip().split(":", -1);
        if (exists && fields.length >= 7) {
            v.put("uid", Integer.valueOf(fields[2]));
            v.put("gid", Integer.valueOf(fields[3]));
            v.put("home", fields[5]);
            v.put("shell", fields[6]);
        }
        String groups = raw.getOrDefault("groups", "").strip();
        v.put("groups", groups.isEmpty() ? List.of() : List.of(groups.split("\\s+")));
    }

    private static void mount(String mountpoint, Map<String, String> raw, Map<String, Object> v) {
        // mountinfo: ID PARENT MAJ:MIN ROOT MOUNTPOINT MOUNT-OPTS [OPTIONAL...] - FSTYPE SOURCE SUPER-OPTS
        String[] found = null;
        int dash = -1;
        for (String line : lines(raw.get("mountinfo"))) {
            String[] fields = line.split(" ");
            int separator = java.util.Arrays.asList(fields).indexOf("-");
            if (fields.length >= 6 && separator > 5 && fields.length >= separator + 4 && unescape(fields[4]).equals(mountpoint)) {
                found = fields; // the last mount on a point is the one in effect
                dash = separator;
            }
        }
        v.put("exists", found != null);
        if (found == null) {
            return;
        }
        v.put("opts", List.of(found[5].split(",")));
        v.put("filesystem", found[dash + 1]);
        v.put("source", unescape(found[dash + 2]));
        v.put("vfs-opts", List.of(found[dash + 3].split(",")));
        long[] df = dfNumbers(raw.get("df"));
        if (df != null) {
            v.put("usage", (int) df[3]);
        }
    }

    private static void disk(String df, Map<String, Object> v) {
        long[] numbers = dfNumbers(df);
        v.put("exists", numbers != null);
        if (numbers == null) {
            return;
        }
        v.put("total_mb", numbers[0] / 1024);
        v.put("used_mb", numbers[1] / 1024);
        v.put("free_mb", numbers[2] / 1024);
        v.put("used_percent", (int) numbers[3]);
    }

    /** 1024-blocks, used, available and capacity % of {@code df -Pk}'s last line; mount points may hold spaces. */
    private static long[] dfNumbers(String df) {
        List<String> lines = lines(df);
        if (lines.size() < 2) {
            return null;
        }
        Matcher numbers = DF_NUMBERS.matcher(lines.get(lines.size() - 1));
        if (!numbers.find()) {
            return null;
        }
        return new long[] {Long.parseLong(numbers.group(1)), Long.parseLong(numbers.group(2)),
                Long.parseLong(numbers.group(3)), Long.parseLong(numbers.group(4))};
    }

    private static Findings nomad(Check check, Map<String, String> raw) {
        String problem = fetchProblem(raw);
        if (problem != null) {
            return error(problem);
        }
        int status = status(raw.get("headers"));
        if (status != 200) {
            return error("Nomad answered HTTP " + status + ": " + raw.getOrDefault("body", "").strip());
        }
        String wanted = Probes.setting(check.properties(), "name",
                check.id().equals("self") || check.id().equals("local") ? raw.getOrDefault("hostname", "").strip() : check.id());
        JsonNode nodes = json(raw.get("body"));
        Map<String, Object> v = new HashMap<>();
        JsonNode node = null;
        if (nodes != null && nodes.isArray()) {
            for (JsonNode candidate : nodes) {
                if (wanted.equals(candidate.path("Name").asText()) || candidate.path("ID").asText().startsWith(wanted)) {
                    node = candidate;
                    break;
                }
            }
        }
        v.put("exists", node != null);
        if (node != null) {
            v.put("eligible", "eligible".equals(node.path("SchedulingEligibility").asText()));
            v.put("ready", "ready".equals(node.path("Status").asText()));
            v.put("status", node.path("Status").asText());
        }
        return new Findings(v, null);
    }

    private static Findings docker(Map<String, String> raw) {
        if (raw.containsKey("missing")) {
            return error("docker is not installed on this host");
        }
        Map<String, Object> v = new HashMap<>();
        JsonNode containers = json(raw.get("inspect"));
        JsonNode container = containers != null && containers.isArray() && containers.size() > 0 ? containers.get(0) : null;
        if (container == null && !raw.getOrDefault("error", "").contains("No such")) {
            String error = raw.getOrDefault("error", "").strip();
            if (!error.isEmpty()) {
                return error("docker inspect failed: " + error);
            }
        }
        v.put("exists", container != null);
        if (container != null) {
            JsonNode state = container.path("State");
            v.put("running", state.path("Running").asBoolean(false));
            v.put("status", state.path("Status").asText());
            v.put("healthy", "healthy".equals(state.path("Health").path("Status").asText()));
        } else {
            v.put("running", false);
            v.put("healthy", false);
        }
        return new Findings(v, null);
    }

    /** Why an HTTP fetch gave no answer, or null when it did. */
    private static String fetchProblem(Map<String, String> raw) {
        if (raw.containsKey("missing")) {
            return Probes.NO_FETCHER + ": install curl or wget for http, nomad_node and consul_service checks";
        }
        if (status(raw.get("headers")) == 0) {
            String error = raw.getOrDefault("fetch_error", "").strip();
            if (error.isEmpty()) {
                error = raw.getOrDefault("headers", "").strip();
            }
            return "no HTTP response" + (error.isEmpty() ? "" : ": " + error.lines().reduce((a, b) -> b).orElse(error));
        }
        return null;
    }

    static int status(String headers) {
        int status = 0;
        Matcher line = STATUS_LINE.matcher(headers == null ? "" : headers);
        while (line.find()) {
            status = Integer.parseInt(line.group(1)); // after redirects, the last one counts
        }
        return status;
    }

    private static List<String> headers(String headers) {
        List<String> found = new ArrayList<>();
        for (String line : lines(headers)) {
            String stripped = line.strip();
            if (stripped.contains(":") && !stripped.startsWith("HTTP/")) {
                found.add(stripped);
            }
        }
        return found;
    }

    private static JsonNode json(String text) {
        try {
            return text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String unescape(String procMountField) {
        return procMountField.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : text.lines().toList();
    }
}
