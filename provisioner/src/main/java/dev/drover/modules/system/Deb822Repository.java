package dev.drover.modules.system;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ansible's deb822_repository (ansible-core 2.15+): one repository in its own
 * /etc/apt/sources.list.d/NAME.sources file, written in deb822 form with the fields in
 * Ansible's order (argument names sorted), or removed with its key file. {@code signed_by}
 * may be a file on the host or inline key text; URLs are not fetched.
 */
public final class Deb822Repository implements SystemModule {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.of("allow_downgrade_to_insecure", ArgType.BOOL),
            Arg.of("allow_insecure", ArgType.BOOL),
            Arg.of("allow_weak", ArgType.BOOL),
            Arg.of("architectures", ArgType.LIST),
            Arg.of("by_hash", ArgType.BOOL),
            Arg.of("check_date", ArgType.BOOL),
            Arg.of("check_valid_until", ArgType.BOOL),
            Arg.of("components", ArgType.LIST),
            Arg.of("date_max_future", ArgType.INT),
            Arg.of("enabled", ArgType.BOOL),
            Arg.str("inrelease_path"),
            Arg.bool("install_python_debian", true),
            Arg.of("languages", ArgType.LIST),
            Arg.str("name").mandatory(),
            Arg.of("pdiffs", ArgType.BOOL),
            Arg.str("signed_by"),
            Arg.of("suites", ArgType.LIST),
            Arg.of("targets", ArgType.LIST),
            Arg.of("trusted", ArgType.BOOL),
            Arg.of("types", ArgType.LIST).defaultsTo(List.of("deb")),
            Arg.of("uris", ArgType.LIST),
            Arg.raw("mode").defaultsTo("0644"),
            Arg.str("state").defaultsTo("present").choices("present", "absent"));

    private static final List<String> NOT_FIELDS = List.of("mode", "state", "install_python_debian");

    @Override
    public String name() {
        return "deb822_repository";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    /** Ansible's slug: lower case, runs of _ and blanks as '-', anything else but [a-z0-9-] dropped. */
    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[_\\s]+", "-").replaceAll("[^a-z0-9-]+", "");
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, ModuleFailure {
        for (Object type : args.list("types")) {
            if (!List.of("deb", "deb-src").contains(String.valueOf(type))) {
                throw new ModuleFailure("value of types must be one or more of: deb, deb-src. Got no match for: " + type);
            }
        }
        String slug = slug(args.string("name"));
        String dest = "/etc/apt/sources.list.d/" + slug + ".sources";
        String keyBase = "/etc/apt/keyrings/" + slug;
        boolean check = context.checkMode();
        if (args.string("state").equals("absent")) {
            HostRun ran = HostRun.sh(context.target(), "c=0; for f in " + ShellQuote.quote(dest) + " " + ShellQuote.quote(keyBase + ".asc")
                    + " " + ShellQuote.quote(keyBase + ".gpg") + "; do [ -e \"$f\" ] || continue; c=1; "
                    + (check ? ":" : "rm -f -- \"$f\" || exit 1") + "; done; echo $c");
            if (!ran.ok()) {
                throw new ModuleFailure(ran.stderr().strip());
            }
            return ModuleResult.builder().put("repo", null).changed(ran.stdout().strip().equals("1")).put("dest", dest)
                    .put("key_filename", keyBase + ".gpg").build();
        }
        String signedBy = args.string("signed_by");
        if (signedBy != null && signedBy.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new ModuleFailure("drover's deb822_repository does not download signed_by URLs yet; put the key on the host");
        }
        HostRun read = HostRun.sh(context.target(), (signedBy == null || signedBy.contains("\n") ? "echo N"
                : "[ -f " + ShellQuote.quote(signedBy) + " ] && echo F || echo N") + "\n"
                + "[ -e " + ShellQuote.quote(dest) + " ] && stat -c 'M %a' -- " + ShellQuote.quote(dest) + "\necho @@\n"
                + "[ ! -f " + ShellQuote.quote(dest) + " ] || exec cat -- " + ShellQuote.quote(dest));
        String out = read.stdout();
        int split = out.indexOf("@@\n");
        String head = out.substring(0, split);
        String current = head.contains("M ") ? out.substring(split + 3) : null;
        String currentMode = head.contains("M ") ? head.substring(head.indexOf("M ") + 2).strip() : null;
        String keyFilename = signedBy != null && head.startsWith("F") ? signedBy : null;

        String repo = render(args);
        boolean changed = !repo.equals(current);
        if (changed && !check) {
            HostFile.replace(context, dest, repo);
        }
        Object mode = args.get("mode");
        String wantedMode = mode instanceof Number n ? Long.toOctalString(n.longValue()) : String.valueOf(mode);
        boolean modeDiffers = current == null || !wantedMode.matches("0*" + currentMode);
        if (modeDiffers) {
            if (!check) {
                HostRun chmod = HostRun.sh(context.target(), "chmod " + ShellQuote.quote(wantedMode) + " -- " + ShellQuote.quote(dest));
                if (!chmod.ok()) {
                    throw new ModuleFailure(chmod.stderr().strip());
                }
            }
            changed |= current != null;
        }
        return ModuleResult.builder().put("repo", repo).changed(changed).put("dest", dest).put("key_filename", keyFilename)
                .build();
    }

    /** The deb822 stanza: one "Field: value" line per argument given, in the order of the sorted argument names. */
    static String render(ModuleArgs args) {
        Map<String, Object> sorted = new TreeMap<>(args.asMap());
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            if (e.getValue() == null || NOT_FIELDS.contains(e.getKey())) {
                continue;
            }
            String value;
            if (e.getValue() instanceof Boolean b) {
                value = b ? "yes" : "no";
            } else if (e.getValue() instanceof List<?> list) {
                List<String> words = new ArrayList<>();
                list.forEach(item -> words.add(String.valueOf(item)));
                value = String.join(" ", words);
            } else {
                value = String.valueOf(e.getValue());
            }
            if (value.contains("\n")) {
                value = multiline(value);
            }
            out.append(fieldName(e.getKey())).append(value.startsWith("\n") ? ":" : ": ").append(value).append('\n');
        }
        return out.toString();
    }

    /** Continuation lines indented, empty lines as ".", as deb822 wants. */
    static String multiline(String value) {
        StringBuilder out = new StringBuilder();
        for (String line : value.strip().split("\n")) {
            out.append("\n    ").append(line.strip().isEmpty() ? "." : line.strip());
        }
        return out.toString();
    }

    static String fieldName(String argument) {
        if (argument.equals("name")) {
            return "X-Repolib-Name";
        }
        if (argument.equals("uris")) {
            return "URIs";
        }
        StringBuilder title = new StringBuilder();
        boolean start = true;
        for (char c : argument.replace('_', '-').toCharArray()) {
            title.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = !Character.isLetter(c);
        }
        return title.toString();
    }
}
