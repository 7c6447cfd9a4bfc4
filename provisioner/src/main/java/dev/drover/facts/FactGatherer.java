package dev.drover.facts;

import dev.drover.transport.CommandResult;
import dev.drover.transport.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ansible's setup facts, gathered with one POSIX shell command (no Python on the host):
 * the collectors gather_subset selects ({@link GatherSubset}) each add their part of the
 * command ({@link FactScript}), and the output is turned into facts here, in Java, the way
 * Ansible's collectors turn the same files and command outputs into facts.
 */
public final class FactGatherer {

    /** Where Ansible looks for local facts unless told otherwise. */
    public static final String DEFAULT_FACT_PATH = "/etc/ansible/facts.d";

    /**
     * What setup was asked: gather_subset as given, the filter patterns, the local facts
     * folder (null or empty: none).
     */
    public record Request(List<String> gatherSubset, List<String> filter, String factPath) {
        public Request {
            gatherSubset = List.copyOf(gatherSubset);
            filter = List.copyOf(filter);
        }

        public static Request all() {
            return new Request(List.of("all"), List.of(), DEFAULT_FACT_PATH);
        }
    }

    /** The facts as setup returns them (ansible_ names, plus gather_subset and module_setup), and warnings. */
    public record Gathered(Map<String, Object> ansibleFacts, List<String> warnings) {
    }

    private FactGatherer() {
    }

    /** @throws IllegalArgumentException for a gather_subset name Ansible does not know, with Ansible's message */
    public static Gathered gather(Target target, Request request) throws IOException {
        Set<Collector> collectors = GatherSubset.resolve(request.gatherSubset());
        String factPath = request.factPath() == null || request.factPath().isBlank() ? null : request.factPath();
        CommandResult result = target.run(FactScript.build(collectors, factPath));
        List<String> warnings = new ArrayList<>();
        Map<String, Object> facts = describe(collectors, RawFacts.parse(result.out()), warnings);
        Map<String, Object> prefixed = new LinkedHashMap<>();
        // Ansible's fact namespace: ansible_ in front, '-' made '_' (an interface drover-lab is ansible_drover_lab)
        facts.forEach((name, value) -> prefixed.put("ansible_" + name.replace('-', '_'), value));
        prefixed.put("gather_subset", request.gatherSubset());
        prefixed.put("module_setup", true);
        return new Gathered(filter(prefixed, request.filter()), warnings);
    }

    /** Facts by the names Ansible's collectors give them (without the ansible_ prefix). */
    static Map<String, Object> describe(Set<Collector> collectors, RawFacts raw, List<String> warnings) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (Collector collector : Collector.values()) {
            if (collectors.contains(collector)) {
                collect(collector, raw, facts, warnings);
            }
        }
        return facts;
    }

    private static void collect(Collector collector, RawFacts raw, Map<String, Object> facts, List<String> warnings) {
        switch (collector) {
            case PLATFORM -> Platform.describe(raw, facts);
            case DISTRIBUTION -> Distribution.describe(raw, facts);
            case LSB -> facts.put("lsb", SystemFacts.lsb(raw));
            case SELINUX -> SystemFacts.selinux(raw, facts);
            case APPARMOR -> facts.put("apparmor", Map.of("status", raw.exists("/sys/kernel/security/apparmor") ? "enabled" : "disabled"));
            case FIPS -> facts.put("fips", raw.file("/proc/sys/crypto/fips_enabled").map("1"::equals).orElse(false));
            case PYTHON -> Python.describe(raw.section("python")).ifPresent(p -> facts.put("python", p));
            case PKG_MGR -> facts.put("pkg_mgr", PackageManager.packageManager(raw, facts));
            case SERVICE_MGR -> facts.put("service_mgr", PackageManager.serviceManager(raw, facts));
            case CMDLINE -> SystemFacts.cmdline(raw.file("/proc/cmdline"), facts);
            case DATE_TIME -> {
                if (!raw.section("date").isBlank()) {
                    facts.put("date_time", DateTime.describe(raw.section("date"), raw.lines("zones")));
                }
            }
            case ENV -> facts.put("env", SystemFacts.env(raw.section("env")));
            case LOADAVG -> SystemFacts.loadavg(raw.file("/proc/loadavg")).ifPresent(l -> facts.put("loadavg", l));
            case USER -> SystemFacts.user(raw.lines("user"), facts);
            case VIRTUAL -> Virtualization.describe(raw, facts);
            case HARDWARE -> Hardware.describe(raw, facts);
            case DNS -> facts.put("dns", SystemFacts.dns(raw.file("/etc/resolv.conf").orElse("")));
            case NETWORK -> Networking.describe(raw, facts);
            case LOCAL -> facts.put("local", raw.has("local_dir") ? LocalFacts.describe(raw, warnings) : new LinkedHashMap<>());
            case CAPS -> SystemFacts.capabilities(raw, facts);
            case SSH_PUB_KEYS -> HostIdentity.sshKeys(raw, facts);
            case CHROOT -> HostIdentity.chroot(raw, facts);
            case FIBRE_CHANNEL_WWN -> facts.put("fibre_channel_wwn", HostIdentity.fibreChannel(raw));
            case ISCSI -> facts.put("iscsi_iqn", HostIdentity.iscsi(raw));
            case NVME -> facts.put("hostnqn", HostIdentity.nvme(raw));
            default -> {
                // facter, ohai: not gathered by drover
            }
        }
    }

    /** setup's filter: shell-style patterns matched against the names, also with ansible_ put in front. */
    static Map<String, Object> filter(Map<String, Object> facts, List<String> patterns) {
        if (patterns.isEmpty() || patterns.equals(List.of("*"))) {
            return facts;
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String pattern : patterns) {
            Pattern plain = fnmatch(pattern);
            Pattern prefixed = pattern.startsWith("ansible_") || pattern.startsWith("facter") || pattern.startsWith("ohai")
                    ? null : fnmatch("ansible_" + pattern);
            facts.forEach((name, value) -> {
                if (pattern.isEmpty() || plain.matcher(name).matches() || prefixed != null && prefixed.matcher(name).matches()) {
                    kept.put(name, value);
                }
            });
        }
        return kept;
    }

    /** Python's fnmatch: * ? [seq] [!seq], everything else literal. */
    static Pattern fnmatch(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char ch = glob.charAt(i);
            if (ch == '*') {
                regex.append(".*");
            } else if (ch == '?') {
                regex.append('.');
            } else if (ch == '[' && glob.indexOf(']', i + 2) > 0) {
                int end = glob.indexOf(']', i + 2);
                String set = glob.substring(i + 1, end);
                String body = (set.startsWith("!") ? set.substring(1) : set).replace("\\", "\\\\").replace("[", "\\[");
                regex.append('[').append(set.startsWith("!") ? "^" : "").append(body).append(']');
                i = end;
            } else {
                regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
