package dev.drover.facts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The small collectors: env, user, dns, selinux, apparmor, fips, loadavg, cmdline, lsb, each
 * a few lines read the way Ansible's collector reads them.
 */
final class SystemFacts {

    private SystemFacts() {
    }

    /** The environment of the shell drover's commands run in, as the module's process would see it. */
    static Map<String, Object> env(String base64) {
        Map<String, Object> env = new LinkedHashMap<>();
        String text = new String(Base64.getMimeDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
        for (String entry : text.split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    /** Lines: uid, gid, the login name, then its passwd entry. */
    static void user(List<String> lines, Map<String, Object> facts) {
        if (lines.size() < 3) {
            return;
        }
        long uid = Long.parseLong(lines.get(0).strip());
        long gid = Long.parseLong(lines.get(1).strip());
        facts.put("user_id", lines.get(2));
        if (lines.size() > 3) {
            String[] pw = lines.get(3).split(":", -1);
            if (pw.length >= 7) {
                facts.put("user_uid", Long.parseLong(pw[2]));
                facts.put("user_gid", Long.parseLong(pw[3]));
                facts.put("user_gecos", pw[4]);
                facts.put("user_dir", pw[5]);
                facts.put("user_shell", pw[6]);
            }
        }
        facts.put("real_user_id", uid);
        facts.put("effective_user_id", uid);
        facts.put("real_group_id", gid);
        facts.put("effective_group_id", gid);
    }

    static Map<String, Object> dns(String resolvConf) {
        Map<String, Object> dns = new LinkedHashMap<>();
        for (String line : resolvConf.split("\n")) {
            if (line.startsWith("#") || line.startsWith(";") || line.strip().isEmpty()) {
                continue;
            }
            String[] tokens = line.strip().split("\\s+");
            List<String> rest = new ArrayList<>(List.of(tokens).subList(1, tokens.length));
            switch (tokens[0]) {
                case "nameserver" -> {
                    @SuppressWarnings("unchecked")
                    List<String> servers = (List<String>) dns.computeIfAbsent("nameservers", k -> new ArrayList<String>());
                    servers.addAll(rest);
                }
                case "domain" -> {
                    if (!rest.isEmpty()) {
                        dns.put("domain", rest.get(0));
                    }
                }
                case "search" -> dns.put("search", rest);
                case "sortlist" -> dns.put("sortlist", rest);
                case "options" -> {
                    Map<String, Object> options = new LinkedHashMap<>();
                    for (String option : rest) {
                        String[] kv = option.split(":", 2);
                        options.put(kv[0], kv.length == 2 && !kv[1].isEmpty() ? kv[1] : Boolean.TRUE);
                    }
                    dns.put("options", options);
                }
                default -> {
                }
            }
        }
        return dns;
    }

    /**
     * Ansible asks libselinux through Python; drover reads selinuxfs and /etc/selinux/config,
     * which is where libselinux looks. selinux_python_present is reported true, as Ansible
     * reports it on a host where it can tell.
     */
    static void selinux(RawFacts raw, Map<String, Object> facts) {
        Map<String, Object> selinux = new LinkedHashMap<>();
        facts.put("selinux_python_present", true);
        Optional<String> enforce = raw.file("/sys/fs/selinux/enforce");
        if (enforce.isEmpty()) {
            selinux.put("status", "disabled");
        } else {
            selinux.put("status", "enabled");
            selinux.put("policyvers", raw.file("/sys/fs/selinux/policyvers").map(v -> (Object) Integer.parseInt(v)).orElse("unknown"));
            Map<String, String> config = new LinkedHashMap<>();
            for (String line : raw.file("/etc/selinux/config").orElse("").split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    config.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
            selinux.put("config_mode", config.getOrDefault("SELINUX", "unknown"));
            selinux.put("mode", enforce.get().equals("1") ? "enforcing" : "permissive");
            selinux.put("type", config.getOrDefault("SELINUXTYPE", "unknown"));
        }
        facts.put("selinux", selinux);
    }

    static Optional<Map<String, Object>> loadavg(Optional<String> content) {
        return content.filter(s -> !s.isBlank()).map(s -> {
            String[] parts = s.split("\\s+");
            Map<String, Object> load = new LinkedHashMap<>();
            load.put("1m", Double.parseDouble(parts[0]));
            load.put("5m", Double.parseDouble(parts[1]));
            load.put("15m", Double.parseDouble(parts[2]));
            return load;
        });
    }

    /** /proc/cmdline as Ansible's two facts: cmdline (last value wins) and proc_cmdline (repeats become lists). */
    static void cmdline(Optional<String> content, Map<String, Object> facts) {
        if (content.isEmpty() || content.get().isEmpty()) {
            return;
        }
        Map<String, Object> cmdline = new LinkedHashMap<>();
        Map<String, Object> proc = new LinkedHashMap<>();
        for (String piece : shlexSplit(content.get())) {
            String[] kv = piece.split("=", 2);
            Object value = kv.length == 1 ? Boolean.TRUE : kv[1];
            cmdline.put(kv[0], value);
            if (kv.length == 1 || !proc.containsKey(kv[0])) {
                proc.put(kv[0], value);
            } else {
                Object existing = proc.get(kv[0]);
                List<Object> list = existing instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of(existing));
                list.add(value);
                proc.put(kv[0], list);
            }
        }
        facts.put("cmdline", cmdline);
        facts.put("proc_cmdline", proc);
    }

    /** shlex.split(posix=False) for what a kernel command line holds: words, quotes grouping and kept. */
    private static List<String> shlexSplit(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char ch : text.toCharArray()) {
            if (quote != 0) {
                word.append(ch);
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                word.append(ch);
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(ch);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** capsh --print: the Current line's capabilities, or "N/A" without capsh. */
    static void capabilities(RawFacts raw, Map<String, Object> facts) {
        if (!raw.has("capsh")) {
            facts.put("system_capabilities_enforced", "N/A");
            facts.put("system_capabilities", "N/A");
            return;
        }
        String enforced = "NA";
        List<String> caps = new ArrayList<>();
        for (String line : raw.lines("capsh")) {
            if (line.startsWith("Current:")) {
                if (line.split(":", -1)[1].strip().equals("=ep")) {
                    enforced = "False";
                } else {
                    enforced = "True";
                    caps.clear();
                    String afterEquals = line.split("=", -1)[1];
                    for (String cap : afterEquals.split(",", -1)) {
                        caps.add(cap.strip());
                    }
                }
            }
        }
        facts.put("system_capabilities_enforced", enforced);
        facts.put("system_capabilities", caps);
    }

    /** lsb_release -a when installed, else /etc/lsb-release; major_release from release. */
    static Map<String, Object> lsb(RawFacts raw) {
        Map<String, String> lsb = new LinkedHashMap<>();
        if (raw.has("lsb_release")) {
            for (String line : raw.lines("lsb_release")) {
                if (line.isEmpty() || !line.contains(":")) {
                    continue;
                }
                String value = line.split(":", 2)[1].strip();
                if (line.contains("LSB Version:")) {
                    lsb.put("release", value);
                } else if (line.contains("Distributor ID:")) {
                    lsb.put("id", value);
                } else if (line.contains("Description:")) {
                    lsb.put("description", value);
                } else if (line.contains("Release:")) {
                    lsb.put("release", value);
                } else if (line.contains("Codename:")) {
                    lsb.put("codename", value);
                }
            }
        }
        if (lsb.isEmpty()) {
            for (String line : raw.file("/etc/lsb-release").orElse("").split("\n")) {
                if (!line.contains("=")) {
                    continue;
                }
                String value = line.split("=", 2)[1].strip();
                if (line.contains("DISTRIB_ID")) {
                    lsb.put("id", value);
                } else if (line.contains("DISTRIB_RELEASE")) {
                    lsb.put("release", value);
                } else if (line.contains("DISTRIB_DESCRIPTION")) {
                    lsb.put("description", value);
                } else if (line.contains("DISTRIB_CODENAME")) {
                    lsb.put("codename", value);
                }
            }
        }
        if (lsb.containsKey("release")) {
            lsb.put("major_release", lsb.get("release").split("\\.", -1)[0]);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        lsb.forEach((k, v) -> out.put(k, v.isEmpty() ? v : v.replaceAll("^['\"\\\\]+|['\"\\\\]+$", "")));
        return out;
    }
}
