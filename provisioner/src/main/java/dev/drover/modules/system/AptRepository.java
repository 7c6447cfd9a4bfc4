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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's apt_repository for one-line sources: adds (or enables) a "deb ..." line in a
 * sources.list.d file named after the repository, or removes it wherever it is. Like
 * Ansible, every sources file is read and any file whose normalised text differs is
 * rewritten; the cache is updated after a change unless update_cache is false.
 */
public final class AptRepository implements SystemModule {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.str("repo").mandatory(),
            Arg.str("state").defaultsTo("present").choices("absent", "present"),
            Arg.raw("mode"),
            Arg.bool("update_cache", true).aliases("update-cache"),
            Arg.of("update_cache_retries", ArgType.INT).defaultsTo(5L),
            Arg.of("update_cache_retry_max_delay", ArgType.INT).defaultsTo(12L),
            Arg.str("filename"),
            Arg.bool("install_python_apt", true),
            Arg.bool("validate_certs", true),
            Arg.str("codename"));

    private static final String FILE = "@@drover-file ";
    private static final String END = "@@drover-end";

    @Override
    public String name() {
        return "apt_repository";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, ModuleFailure {
        String repo = args.string("repo");
        if (repo.isEmpty()) {
            throw new ModuleFailure("Please set argument 'repo' to a non-empty value");
        }
        if (repo.startsWith("ppa:")) {
            throw new ModuleFailure("drover's apt_repository does not support PPAs");
        }
        Map<String, String> texts = read(context);
        AptSources sources = AptSources.of(texts);
        Map<String, String> before = sources.dump();
        try {
            String source = AptSources.validSource(repo);
            if (args.string("state").equals("present")) {
                sources.add(source, AptSources.suggestFilename(source, args.string("filename")));
            } else {
                sources.remove(source);
            }
        } catch (AptSources.InvalidSource e) {
            throw new ModuleFailure("Invalid repository string: " + e.getMessage());
        }
        Map<String, String> after = sources.dump();
        boolean changed = !before.equals(after);
        Object diff = Map.of();
        if (changed && context.diffMode()) {
            List<Map<String, Object>> diffs = new ArrayList<>();
            Set<String> all = new LinkedHashSet<>(before.keySet());
            all.addAll(after.keySet());
            for (String file : all) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("before", before.getOrDefault(file, ""));
                d.put("after", after.getOrDefault(file, ""));
                d.put("before_header", before.containsKey(file) ? file : "/dev/null");
                d.put("after_header", after.containsKey(file) ? file : "/dev/null");
                diffs.add(d);
            }
            diff = diffs;
        }
        if (changed && !context.checkMode()) {
            save(context, texts, after, sources.paths(), args.get("mode"));
            if (args.bool("update_cache")) {
                HostRun update = HostRun.sh(context.target(), "DEBIAN_FRONTEND=noninteractive apt-get update -q");
                if (!update.ok()) {
                    save(context, after, texts, sources.paths(), null);
                    throw new ModuleFailure("Failed to update apt cache: "
                            + (update.stderr().isBlank() ? "unknown reason" : update.stderr().strip()));
                }
            }
        }
        return ModuleResult.builder().changed(changed).put("repo", repo).put("state", args.string("state"))
                .put("diff", diff).build();
    }

    private static Map<String, String> read(ModuleContext context) throws IOException, ModuleFailure {
        HostRun ran = HostRun.sh(context.target(), "for f in " + AptSources.DEFAULT_FILE + " " + AptSources.SOURCES_DIR
                + "/*.list; do [ -f \"$f\" ] || continue; printf '" + FILE + "%s\\n' \"$f\"; cat -- \"$f\" || exit 1;"
                + " printf '\\n" + END + "\\n'; done");
        if (!ran.ok()) {
            throw new ModuleFailure("cannot read the APT sources: " + ran.stderr().strip());
        }
        Map<String, String> texts = new LinkedHashMap<>();
        String out = ran.stdout();
        int at = 0;
        while (true) {
            int start = out.indexOf(FILE, at);
            if (start < 0) {
                break;
            }
            int nameEnd = out.indexOf('\n', start);
            int end = out.indexOf("\n" + END + "\n", nameEnd);
            texts.put(out.substring(start + FILE.length(), nameEnd), out.substring(nameEnd + 1, end));
            at = end + END.length() + 2;
        }
        return texts;
    }

    /** Writes every file whose text is not what it should be, deletes those left empty. */
    private static void save(ModuleContext context, Map<String, String> current, Map<String, String> wanted,
                             List<String> paths, Object mode) throws IOException, ModuleFailure {
        for (String path : paths) {
            String text = wanted.get(path);
            if (text == null) {
                if (current.containsKey(path)) {
                    HostRun rm = HostRun.sh(context.target(), "rm -f -- " + ShellQuote.quote(path));
                    if (!rm.ok()) {
                        throw new ModuleFailure(rm.stderr().strip());
                    }
                }
            } else if (!text.equals(current.get(path))) {
                boolean isNew = !current.containsKey(path);
                HostFile.replace(context, path, text);
                if (isNew && mode != null) {
                    String chmod = mode instanceof Number n ? Long.toOctalString(n.longValue()) : String.valueOf(mode);
                    HostRun ran = HostRun.sh(context.target(), "chmod " + ShellQuote.quote(chmod) + " -- " + ShellQuote.quote(path));
                    if (!ran.ok()) {
                        throw new ModuleFailure(ran.stderr().strip());
                    }
                }
            }
        }
    }
}
