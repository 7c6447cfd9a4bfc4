package dev.drover.modules.system;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's hostname on a systemd host: hostnamectl sets the transient and the static name, which is
 * what Ansible 2.14 does by default and for {@code use: systemd} or {@code use: debian}. Other strategies
 * are refused. The new name is reported as facts (ansible_hostname, ansible_nodename, ...), as in Ansible.
 */
public final class Hostname implements SystemModule {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.str("name").mandatory(),
            Arg.str("use").choices("alpine", "debian", "freebsd", "generic", "macos", "macosx", "darwin", "openbsd",
                    "openrc", "redhat", "sles", "solaris", "systemd"));

    @Override
    public String name() {
        return "hostname";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, ModuleFailure {
        String use = args.string("use");
        if (use != null && !List.of("systemd", "debian").contains(use)) {
            throw new ModuleFailure("drover's hostname module supports use=systemd and use=debian only");
        }
        String name = args.string("name");
        String q = ShellQuote.quote(name);
        HostRun read = HostRun.sh(context.target(), "command -v hostnamectl >/dev/null || { echo NOHOSTNAMECTL; exit 0; }\n"
                + "t=$(hostnamectl --transient status) || { echo \"FAIL $?\"; exit 0; }\n"
                + "s=$(hostnamectl --static status) || { echo \"FAIL $?\"; exit 0; }\n"
                + "printf 'T%s\\nS%s\\n' \"$t\" \"$s\"");
        String out = read.stdout();
        if (out.startsWith("NOHOSTNAMECTL")) {
            throw new ModuleFailure("Failed to find required executable \"hostnamectl\"");
        }
        if (out.startsWith("FAIL ")) {
            throw new ModuleFailure("Command failed rc=" + out.substring(5).strip() + ", out=, err=" + read.stderr());
        }
        String current = "";
        String permanent = "";
        for (String line : out.split("\n")) {
            if (line.startsWith("T")) {
                current = line.substring(1).strip();
            } else if (line.startsWith("S")) {
                permanent = line.substring(1).strip();
            }
        }
        boolean changed = false;
        if (!current.equals(name)) {
            changed = true;
            set(context, "hostnamectl --transient set-hostname " + q, name);
        }
        if (!permanent.equals(name)) {
            changed = true;
            set(context, "hostnamectl --pretty --static set-hostname " + q, name);
        }
        String before = !name.equals(current) ? current : permanent;
        HostRun fqdn = HostRun.sh(context.target(), "hostname -f 2>/dev/null || hostname");
        String fq = fqdn.stdout().strip();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("ansible_hostname", name.split("\\.")[0]);
        facts.put("ansible_nodename", name);
        facts.put("ansible_fqdn", fq);
        facts.put("ansible_domain", fq.contains(".") ? fq.substring(fq.indexOf('.') + 1) : "");
        ModuleResult.Builder result = ModuleResult.builder().changed(changed).put("name", name).put("ansible_facts", facts);
        if (changed) {
            Map<String, Object> diff = new LinkedHashMap<>();
            diff.put("after", "hostname = " + name + "\n");
            diff.put("before", "hostname = " + before + "\n");
            result.put("diff", diff);
        }
        return result.build();
    }

    private void set(ModuleContext context, String command, String name) throws IOException, ModuleFailure {
        if (name.length() > 64) {
            throw new ModuleFailure("name cannot be longer than 64 characters on systemd servers, try a shorter name");
        }
        if (context.checkMode()) {
            return;
        }
        HostRun ran = HostRun.sh(context.target(), command);
        if (!ran.ok()) {
            throw new ModuleFailure("Command failed rc=" + ran.rc() + ", out=" + ran.stdout() + ", err=" + ran.stderr());
        }
    }
}
