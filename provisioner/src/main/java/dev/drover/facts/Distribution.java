package dev.drover.facts;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's distribution facts on Linux: a first guess from os-release and lsb_release
 * (as the distro library makes it), then the first distribution file that names the
 * distribution, in Ansible's order. Drover knows the files of the Debian, Red Hat, SUSE,
 * Alpine, Arch and Amazon families; other systems keep the os-release guess.
 */
final class Distribution {

    private static final Map<String, String> FAMILY = new HashMap<>();

    static {
        family("RedHat", "RedHat", "RHEL", "Fedora", "CentOS", "Scientific", "SLC", "Ascendos", "CloudLinux", "PSBM",
                "OracleLinux", "OVS", "OEL", "Amazon", "Virtuozzo", "XenServer", "Alibaba", "EulerOS", "openEuler",
                "AlmaLinux", "Rocky", "TencentOS", "EuroLinux", "Kylin Linux Advanced Server");
        family("Debian", "Debian", "Ubuntu", "Raspbian", "Neon", "KDE neon", "Linux Mint", "SteamOS", "Devuan", "Kali",
                "Cumulus Linux", "Pop!_OS", "Parrot", "Pardus GNU/Linux", "Uos", "Deepin", "OSMC");
        family("Suse", "SuSE", "SLES", "SLED", "openSUSE", "openSUSE Tumbleweed", "SLES_SAP", "SUSE_LINUX", "openSUSE Leap");
        family("Archlinux", "Archlinux", "Antergos", "Manjaro");
        family("Mandrake", "Mandrake", "Mandriva");
        family("Slackware", "Slackware");
        family("Altlinux", "Altlinux");
        family("Gentoo", "Gentoo", "Funtoo");
        family("Alpine", "Alpine");
        family("ClearLinux", "Clear Linux OS", "Clear Linux Mix");
    }

    private static final Pattern RELEASE_REVERSED = Pattern.compile("(?:[^)]*\\)(.*)\\()? *(?:STL )?([\\d.+\\-a-z]*\\d) *(?:esaeler *)?(.+)");

    private Distribution() {
    }

    private static void family(String family, String... names) {
        for (String name : names) {
            FAMILY.put(name, family);
        }
    }

    static void describe(RawFacts raw, Map<String, Object> facts) {
        Map<String, Object> found = new LinkedHashMap<>(guess(raw));
        fromFiles(raw, found);
        found.put("os_family", FAMILY.getOrDefault(String.valueOf(found.get("distribution")), String.valueOf(found.get("distribution"))));
        facts.putAll(found);
    }

    /** What the distro library says: id, best version, codename. */
    static Map<String, Object> guess(RawFacts raw) {
        Map<String, String> os = osRelease(raw.file("/etc/os-release").or(() -> raw.file("/usr/lib/os-release")).orElse(""));
        Map<String, String> lsb = lsbRelease(raw.section("lsb_release"));
        String id = os.getOrDefault("id", "");
        if (id.isEmpty()) {
            id = lsb.getOrDefault("distributor_id", "").toLowerCase(Locale.ROOT).replace(' ', '_');
        }
        String name = capitalize(id);
        name = switch (name) {
            case "Amzn" -> "Amazon";
            case "Rhel" -> "Redhat";
            case "" -> "OtherLinux";
            default -> name;
        };
        List<String> versions = List.of(os.getOrDefault("version_id", ""), lsb.getOrDefault("release", ""),
                releaseVersion(os.getOrDefault("pretty_name", "")), releaseVersion(lsb.getOrDefault("description", "")));
        String version = "";
        if (id.equals("debian") || id.equals("centos")) {
            for (String v : versions) {
                if (count(v) > count(version) || version.isEmpty()) {
                    version = v;
                }
            }
            if (id.equals("centos")) {
                String[] parts = version.split("\\.");
                version = parts.length > 1 ? parts[0] + "." + parts[1] : version;
            }
        } else {
            version = versions.stream().filter(v -> !v.isEmpty()).findFirst().orElse("");
        }
        String codename = os.get("codename");
        if ((codename == null || codename.isEmpty()) && id.equals("ubuntu")) {
            codename = lsb.get("codename");
        }
        if (codename == null || codename.isEmpty()) {
            codename = lsb.getOrDefault("codename", "");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("distribution", name);
        facts.put("distribution_version", version.isEmpty() ? "NA" : version);
        facts.put("distribution_release", codename.isEmpty() ? "NA" : codename);
        String major = version.isEmpty() ? "NA" : version.split("\\.", -1)[0];
        facts.put("distribution_major_version", major.isEmpty() ? "NA" : major);
        return facts;
    }

    /** Ansible's list of distribution files, in its order, as far as Drover knows them. */
    private static void fromFiles(RawFacts raw, Map<String, Object> facts) {
        record Candidate(String path, String name) {
        }
        List<Candidate> candidates = List.of(
                new Candidate("/etc/oracle-release", "OracleLinux"), new Candidate("/etc/centos-release", "CentOS"),
                new Candidate("/etc/redhat-release", "RedHat"), new Candidate("/etc/os-release", "Amazon"),
                new Candidate("/etc/system-release", "Amazon"), new Candidate("/etc/alpine-release", "Alpine"),
                new Candidate("/etc/arch-release", "Archlinux"), new Candidate("/etc/os-release", "Archlinux"),
                new Candidate("/etc/os-release", "SUSE"), new Candidate("/etc/gentoo-release", "Gentoo"),
                new Candidate("/etc/os-release", "Debian"), new Candidate("/etc/lsb-release", "Debian"),
                new Candidate("/etc/lsb-release", "Mandriva"), new Candidate("/etc/os-release", "NA"));
        for (Candidate candidate : candidates) {
            if (candidate.path().equals("/etc/arch-release")) {
                if (raw.exists(candidate.path())) {
                    facts.put("distribution", candidate.name());
                    facts.put("distribution_file_path", candidate.path());
                    facts.put("distribution_file_variety", candidate.name());
                    return;
                }
                continue;
            }
            Optional<String> content = raw.file(candidate.path()).filter(s -> !s.isEmpty());
            if (content.isEmpty()) {
                continue;
            }
            String data = stripQuotes(content.get());
            Map<String, Object> parsed = new LinkedHashMap<>();
            if (parse(candidate.name(), data, candidate.path(), raw, facts, parsed)) {
                facts.put("distribution", candidate.name());
                facts.put("distribution_file_path", candidate.path());
                facts.put("distribution_file_variety", candidate.name());
                facts.put("distribution_file_parsed", true);
                facts.putAll(parsed);
                return;
            }
        }
    }

    private static boolean parse(String name, String data, String path, RawFacts raw, Map<String, Object> collected,
                                 Map<String, Object> out) {
        switch (name) {
            case "OracleLinux", "RedHat" -> {
                String search = name.equals("RedHat") ? "Red Hat" : "Oracle Linux";
                if (data.contains(search)) {
                    out.put("distribution", name);
                    out.put("distribution_file_search_string", search);
                } else {
                    out.put("distribution", data.split("\\s+")[0]);
                }
                return true;
            }
            case "CentOS" -> {
                if (data.contains("CentOS Stream")) {
                    out.put("distribution_release", "Stream");
                    return true;
                }
                if (data.contains("TencentOS Server")) {
                    out.put("distribution", "TencentOS");
                    return true;
                }
                return false;
            }
            case "Amazon" -> {
                if (!data.contains("Amazon")) {
                    return false;
                }
                out.put("distribution", "Amazon");
                if (path.equals("/etc/os-release")) {
                    Matcher m = Pattern.compile("VERSION_ID=\"(.*)\"").matcher(data);
                    if (m.find()) {
                        String[] parts = m.group(1).split("\\.");
                        out.put("distribution_version", m.group(1));
                        out.put("distribution_major_version", parts[0]);
                        out.put("distribution_minor_version", parts.length > 1 ? parts[1] : "NA");
                    }
                } else {
                    out.put("distribution_version", java.util.Arrays.stream(data.split("\\s+"))
                            .filter(w -> w.matches("\\d+")).findFirst().orElse("NA"));
                }
                return true;
            }
            case "Alpine" -> {
                out.put("distribution", "Alpine");
                out.put("distribution_version", data);
                return true;
            }
            case "Archlinux" -> {
                if (data.contains("Arch Linux")) {
                    out.put("distribution", name);
                    return true;
                }
                return false;
            }
            case "SUSE" -> {
                return suse(data, out);
            }
            case "Gentoo" -> {
                return true;
            }
            case "Debian" -> {
                return debian(data, path, raw, out);
            }
            case "Mandriva" -> {
                if (!data.contains("Mandriva")) {
                    return false;
                }
                find("DISTRIB_RELEASE=\"(.*)\"", data).ifPresent(v -> out.put("distribution_version", v));
                find("DISTRIB_CODENAME=\"(.*)\"", data).ifPresent(v -> out.put("distribution_release", v));
                out.put("distribution", name);
                return true;
            }
            default -> {
                for (String line : data.split("\n")) {
                    if (line.startsWith("NAME=")) {
                        out.put("distribution", unquote(line.substring(5)));
                    }
                    if (line.startsWith("VERSION=") && "NA".equals(collected.get("distribution_version"))) {
                        out.put("distribution_version", unquote(line.substring(8)));
                    }
                }
                return true;
            }
        }
    }

    private static boolean debian(String data, String path, RawFacts raw, Map<String, Object> out) {
        if (data.contains("Debian") || data.contains("Raspbian")) {
            out.put("distribution", "Debian");
            find("PRETTY_NAME=[^(]+ \\(?([^)]+?)\\)", data).ifPresent(v -> out.put("distribution_release", v));
            for (String line : raw.file("/etc/debian_version").orElse("").split("\n")) {
                Matcher m = Pattern.compile("(\\d+)\\.(\\d+)").matcher(line.strip());
                if (m.find()) {
                    out.put("distribution_minor_version", m.group(2));
                }
            }
        } else if (data.contains("Ubuntu")) {
            out.put("distribution", "Ubuntu");
        } else if (data.contains("SteamOS")) {
            out.put("distribution", "SteamOS");
        } else if (data.contains("Kali") || data.contains("Parrot")) {
            out.put("distribution", data.contains("Kali") ? "Kali" : "Parrot");
            find("DISTRIB_RELEASE=(.*)", data).ifPresent(v -> out.put("distribution_release", v));
        } else if (data.contains("Devuan")) {
            out.put("distribution", "Devuan");
            find("PRETTY_NAME=\"?[^(\"]+ \\(?([^) \"]+)\\)?", data).ifPresent(v -> out.put("distribution_release", v));
            find("VERSION_ID=\"(.*)\"", data).ifPresent(v -> {
                out.put("distribution_version", v);
                out.put("distribution_major_version", v);
            });
        } else if (data.contains("Mint")) {
            out.put("distribution", "Linux Mint");
            find("VERSION_ID=\"(.*)\"", data).ifPresent(v -> {
                out.put("distribution_version", v);
                out.put("distribution_major_version", v.split("\\.")[0]);
            });
        } else {
            return false;
        }
        return true;
    }

    private static boolean suse(String data, Map<String, Object> out) {
        String lower = data.toLowerCase(Locale.ROOT);
        if (!lower.contains("suse")) {
            return false;
        }
        for (String line : data.split("\n")) {
            if (line.startsWith("NAME=")) {
                out.put("distribution", line.substring(5).replace("\"", ""));
            }
            Matcher version = Pattern.compile("^VERSION_ID=\"?([0-9]+\\.?[0-9]*)\"?").matcher(line);
            if (version.find()) {
                out.put("distribution_version", version.group(1));
                out.put("distribution_major_version", version.group(1).split("\\.")[0]);
            }
            Matcher release = Pattern.compile("^VERSION_ID=\"?[0-9]+\\.?([0-9]*)\"?").matcher(line);
            if (lower.contains("open") && release.find()) {
                out.put("distribution_release", release.group(1));
            } else if (lower.contains("enterprise") && line.contains("VERSION_ID") && release.find()) {
                out.put("distribution_release", release.group(1).isEmpty() ? "0" : release.group(1));
            }
        }
        return true;
    }

    /** os-release as the distro library reads it: lower-case keys, unquoted values, a codename. */
    static Map<String, String> osRelease(String content) {
        Map<String, String> props = new LinkedHashMap<>();
        for (String line : content.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0 || line.startsWith("#")) {
                continue;
            }
            props.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), unquote(line.substring(eq + 1).strip()));
        }
        String codename = props.getOrDefault("version_codename", props.get("ubuntu_codename"));
        if (codename == null && props.containsKey("version")) {
            Matcher m = Pattern.compile("(\\(\\D+\\))|,(\\s+)?\\D+").matcher(props.get("version"));
            if (m.find()) {
                codename = m.group().replaceAll("^[(,\\s]+|[)\\s]+$", "");
            }
        }
        if (codename != null) {
            props.put("codename", codename);
        }
        return props;
    }

    static Map<String, String> lsbRelease(String output) {
        Map<String, String> props = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            props.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT).replace(' ', '_'), line.substring(colon + 1).strip());
        }
        return props;
    }

    /** The version in a release line, read backwards as the distro library does. */
    static String releaseVersion(String line) {
        if (line.isBlank()) {
            return "";
        }
        Matcher m = RELEASE_REVERSED.matcher(new StringBuilder(line.strip()).reverse());
        return m.lookingAt() && m.group(2) != null ? new StringBuilder(m.group(2)).reverse().toString() : "";
    }

    private static Optional<String> find(String regex, String data) {
        Matcher m = Pattern.compile(regex).matcher(data);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static String stripQuotes(String data) {
        return data.replaceAll("^['\"\\\\]+|['\"\\\\]+$", "");
    }

    private static String capitalize(String id) {
        return id.isEmpty() ? "" : Character.toUpperCase(id.charAt(0)) + id.substring(1).toLowerCase(Locale.ROOT);
    }

    private static int count(String v) {
        return (int) v.chars().filter(ch -> ch == '.').count();
    }
}
