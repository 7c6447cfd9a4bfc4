package dev.drover.modules.files;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.CommandResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ansible's unarchive: unpacks a tar (plain, gz, bz2, xz, zst) or zip archive, from the
 * controller (sent with the first command) or already on the host ({@code remote_src}),
 * into a directory. What is: one command that finds the archive's kind the way Ansible's
 * handlers do (unzip -l, then tar -z, plain, -j, -J, --zstd), lists it, and asks GNU tar's
 * --diff (or compares zipinfo's listing with the files) whether it is already unpacked;
 * what should be: {@link ArchiveCheck}; what to run: tar --extract or unzip -o, only when
 * something differs, then owner/group/mode on every member.
 */
public final class Unarchive implements FileModule {

    private static final ArgSpec SPEC = ArgSpec.of(FileArgs.withCommon(
            Arg.str("src").mandatory(),
            Arg.path("dest").mandatory(),
            Arg.bool("remote_src", false),
            Arg.bool("copy", true),
            Arg.path("creates"),
            Arg.bool("list_files", false),
            Arg.bool("keep_newer", false),
            Arg.of("extra_opts", ArgType.LIST).defaultsTo(List.of()),
            Arg.of("exclude", ArgType.LIST).defaultsTo(List.of()),
            Arg.of("include", ArgType.LIST).defaultsTo(List.of()),
            Arg.of("io_buffer_size", ArgType.INT).defaultsTo(65536L),
            Arg.bool("validate_certs", true),
            Arg.bool("decrypt", true)))
            .mutuallyExclusive("include", "exclude");

    private static final Map<String, String> HANDLERS = Map.of("zip", "ZipArchive", "gz", "TgzArchive", "tar",
            "TarArchive", "bz2", "TarBzipArchive", "xz", "TarXzArchive", "zst", "TarZstdArchive");
    private static final Map<String, String> TAR_FLAGS = Map.of("gz", "-z", "tar", "", "bz2", "-j", "xz", "-J",
            "zst", "--use-compress-program=zstd");

    @Override
    public String name() {
        return "unarchive";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, FileModuleError {
        FileArgs.checkSupported(args);
        String src = args.string("src");
        String dest = args.string("dest");
        if (!args.list("include").isEmpty()) {
            throw new FileModuleError("the include argument of unarchive is not supported by drover yet");
        }
        if (args.has("creates") && context.target().run("test -e " + RemotePath.word(args.string("creates"))).ok()) {
            return ModuleResult.builder().put("skipped", true).msg("skipped, since " + args.string("creates") + " exists")
                    .build();
        }
        boolean remote = args.bool("remote_src") || !args.bool("copy");
        if (remote && src.contains("://")) {
            throw new FileModuleError("unarchive from a URL is not supported by drover yet; download it with get_url first");
        }
        byte[] archive = null;
        if (!remote) {
            Optional<Path> found = context.files().find("files", src);
            if (found.isEmpty() || !Files.isRegularFile(found.get())) {
                throw new FileModuleError("Could not find or access '" + src + "' on the Ansible Controller.\n"
                        + "If you are using a module and expect the file to exist on the remote, see the remote_src option");
            }
            archive = Files.readAllBytes(found.get());
        }
        FileAttributes attributes = FileAttributes.from(args, dest);
        List<String> opts = args.list("extra_opts").stream().map(String::valueOf).toList();
        List<String> excludes = args.list("exclude").stream().map(String::valueOf).map(e -> e.replaceAll("/+$", "")).toList();

        Look look = look(context, remote ? src : null, dest, opts, excludes, attributes, args.bool("keep_newer"), archive);
        if (look.problem() != null) {
            // Ansible's action checks a controller archive's dest first, in its own words.
            boolean destProblem = look.problem().startsWith("Destination ");
            throw new FileModuleError(!remote && destProblem ? "dest '" + dest + "' must be an existing dir" : look.problem());
        }
        String hostSrc = look.source();
        String removeTemp = remote ? "" : "rm -f -- " + ShellQuote.quote(hostSrc);
        try {
            boolean unpacked;
            List<String> files;
            if (look.kind().equals("zip")) {
                List<ArchiveCheck.ZipEntry> entries = ArchiveCheck.zipEntries(look.section("D"));
                Map<String, ArchiveCheck.OnDisk> disk = onDisk(look.section("F"));
                unpacked = !entries.isEmpty() && entries.stream()
                        .filter(e -> excludes.stream().noneMatch(x -> ArchiveCheck.globMatches(x, e.name())))
                        .allMatch(e -> ArchiveCheck.zipMemberUnpacked(e, disk.get(e.name())));
                files = ArchiveCheck.tarFiles(look.section("L"), excludes);
            } else {
                unpacked = ArchiveCheck.tarDifferences(look.section("D"), look.root(), attributes.owner() != null,
                        attributes.group() != null, attributes.mode() != null).isEmpty();
                files = ArchiveCheck.tarFiles(look.section("L"), excludes);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("handler", HANDLERS.get(look.kind()));
            result.put("dest", dest);
            result.put("src", hostSrc);
            boolean changed = !unpacked;
            if (!context.checkMode() && !unpacked) {
                List<String> argv = extractCommand(look.kind(), hostSrc, dest, opts, excludes, attributes,
                        args.bool("keep_newer"));
                CommandResult ran = context.target().run("LC_ALL=C; export LC_ALL; cd " + RemotePath.word(dest) + " && "
                        + ShellQuote.join(argv));
                Map<String, Object> extract = new LinkedHashMap<>();
                extract.put("cmd", argv);
                extract.put("rc", ran.exitCode());
                extract.put("out", ran.out());
                extract.put("err", ran.err());
                result.put("extract_results", extract);
                if (ran.exitCode() != 0) {
                    return ModuleResult.builder().putAll(result).changed(false)
                            .failed("failed to unpack " + hostSrc + " to " + dest).build();
                }
            }
            if (!context.checkMode() && !attributes.isEmpty()) {
                changed |= applyAttributes(context, dest, files, attributes);
            }
            result.put("changed", changed);
            if (args.bool("list_files")) {
                result.put("files", files);
            }
            FileState destState = new FileFacts().probe(dest).read(context.target()).state(0);
            return ModuleResult.builder().putAll(result).putAll(FileResults.pathInfo(destState)).build();
        } finally {
            if (!remote) {
                context.target().run(removeTemp);
            }
        }
    }

    /** What the first command learned: where the archive is on the host, its kind, and the tagged sections. */
    private record Look(String source, String kind, boolean root, String problem, Map<String, List<String>> sections) {

        List<String> section(String tag) {
            return sections.getOrDefault(tag, List.of());
        }
    }

    private static Look look(ModuleContext context, String remoteSrc, String dest, List<String> opts, List<String> excludes,
                             FileAttributes attributes, boolean keepNewer, byte[] archive) throws IOException {
        String d = RemotePath.word(dest);
        StringBuilder sh = new StringBuilder("LC_ALL=C; export LC_ALL\n");
        sh.append("b64() { base64 -w0; echo; }\n");
        if (remoteSrc == null) {
            sh.append("s=$(mktemp) || exit 1; cat > \"$s\" || exit 1\n");
        } else {
            sh.append("s=").append(RemotePath.word(remoteSrc)).append('\n');
        }
        sh.append("printf 'S %s\\n' \"$s\"; printf 'I %s\\n' \"$(id -u)\"\n");
        sh.append("[ -e \"$s\" ] || { echo 'X missing'; exit 0; }; [ -r \"$s\" ] || { echo 'X unreadable'; exit 0; }\n");
        sh.append("[ -s \"$s\" ] || { echo 'X empty'; exit 0; }; [ -d ").append(d).append(" ] || { echo 'X notdir'; exit 0; }\n");
        sh.append("cd ").append(d).append(" || exit 1\n");
        // The kinds in the order of Ansible's handlers; a kind fits when its listing works and is not empty.
        sh.append("k=; if command -v unzip >/dev/null 2>&1 && unzip -l \"$s\" >/dev/null 2>&1; then k=zip\n");
        for (String kind : List.of("gz", "tar", "bz2", "xz", "zst")) {
            sh.append("elif [ -n \"$(tar --list ").append(TAR_FLAGS.get(kind)).append(" -f \"$s\" 2>/dev/null | head -c 1)\" ]; then k=")
                    .append(kind).append('\n');
        }
        sh.append("fi; printf 'K %s\\n' \"$k\"\n");
        String tarOpts = (opts.isEmpty() ? "" : " --show-transformed-names " + ShellQuote.join(opts))
                + excludes.stream().map(e -> " " + ShellQuote.quote("--exclude=" + e)).reduce("", String::concat);
        StringBuilder diffFlags = new StringBuilder();
        if (attributes.owner() != null) {
            diffFlags.append(' ').append(ShellQuote.quote("--owner=" + attributes.owner()));
        }
        if (attributes.group() != null) {
            diffFlags.append(' ').append(ShellQuote.quote("--group=" + attributes.group()));
        }
        if (keepNewer) {
            diffFlags.append(" --keep-newer-files");
        }
        sh.append("case $k in\n zip)\n")
                .append("  printf 'L '; unzip -Z1 \"$s\" | b64\n")
                .append("  printf 'D '; unzip -Z -T -s \"$s\" | b64\n")
                .append("  printf 'F '; unzip -Z1 \"$s\" | while IFS= read -r f; do if [ -e \"$f\" ] || [ -h \"$f\" ]; then")
                .append(" printf '%s\\t%s\\t%s\\n' \"$f\" \"$(stat -c '%F %s' -- \"$f\")\" \"$(date -r \"$f\" +%Y%m%d.%H%M%S)\";")
                .append(" fi; done | b64 ;;\n");
        for (String kind : List.of("gz", "tar", "bz2", "xz", "zst")) {
            String flag = TAR_FLAGS.get(kind);
            sh.append(' ').append(kind).append(")\n")
                    .append("  printf 'L '; tar --list ").append(flag).append(tarOpts).append(" -f \"$s\" | b64\n")
                    .append("  printf 'D '; tar --diff ").append(flag).append(tarOpts).append(diffFlags)
                    .append(" -f \"$s\" 2>&1 | b64 ;;\n");
        }
        sh.append("esac\n");
        CommandResult ran = context.target().run(sh.toString(), archive == null ? new byte[0] : archive);
        Map<String, List<String>> sections = new LinkedHashMap<>();
        String source = remoteSrc;
        String kind = "";
        boolean root = false;
        String problem = null;
        for (String line : ran.out().split("\n")) {
            if (line.length() < 2 || line.charAt(1) != ' ') {
                continue;
            }
            String value = line.substring(2);
            switch (line.charAt(0)) {
                case 'S' -> source = value;
                case 'I' -> root = value.trim().equals("0");
                case 'K' -> kind = value.trim();
                case 'X' -> problem = switch (value.trim()) {
                    case "missing" -> "Source '" + source + "' does not exist";
                    case "unreadable" -> "Source '" + source + "' not readable";
                    case "empty" -> "Invalid archive '" + source + "', the file is 0 bytes";
                    default -> "Destination '" + dest + "' is not a directory";
                };
                default -> sections.put(String.valueOf(line.charAt(0)), decodeLines(value));
            }
        }
        if (problem == null && ran.exitCode() != 0) {
            problem = "could not look at the archive on the host: " + ran.err().trim();
        }
        if (problem == null && kind.isEmpty()) {
            problem = "Failed to find handler for \"" + source + "\". Make sure the required command to extract the file"
                    + " is installed.";
        }
        return new Look(source, kind, root, problem, sections);
    }

    private static List<String> decodeLines(String base64) {
        String text = new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    /** The F section: "name TAB type size TAB stamp" for each zip member present in dest. */
    private static Map<String, ArchiveCheck.OnDisk> onDisk(List<String> lines) {
        Map<String, ArchiveCheck.OnDisk> disk = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f.length < 3) {
                continue;
            }
            String stat = f[1];
            int space = stat.lastIndexOf(' ');
            String type = stat.substring(0, space);
            char kind = type.equals("directory") ? 'd' : type.equals("symbolic link") ? 'l' : 'f';
            disk.put(f[0], new ArchiveCheck.OnDisk(kind, Long.parseLong(stat.substring(space + 1)), f[2]));
            if (kind == 'd') {
                disk.put(f[0].endsWith("/") ? f[0] : f[0] + "/", disk.get(f[0]));
            }
        }
        return disk;
    }

    private static List<String> extractCommand(String kind, String src, String dest, List<String> opts,
                                               List<String> excludes, FileAttributes attributes, boolean keepNewer) {
        List<String> argv = new ArrayList<>();
        if (kind.equals("zip")) {
            argv.add("unzip");
            argv.add("-o");
            argv.addAll(opts);
            argv.add(src);
            if (!excludes.isEmpty()) {
                argv.add("-x");
                argv.addAll(excludes);
            }
            argv.add("-d");
            argv.add(dest);
            return argv;
        }
        argv.addAll(List.of("tar", "--extract", "-C", dest));
        String flag = TAR_FLAGS.get(kind);
        if (!flag.isEmpty()) {
            argv.add(flag);
        }
        if (!opts.isEmpty()) {
            argv.add("--show-transformed-names");
            argv.addAll(opts);
        }
        if (attributes.owner() != null) {
            argv.add("--owner=" + attributes.owner());
        }
        if (attributes.group() != null) {
            argv.add("--group=" + attributes.group());
        }
        if (keepNewer) {
            argv.add("--keep-newer-files");
        }
        excludes.forEach(e -> argv.add("--exclude=" + e));
        argv.add("-f");
        argv.add(src);
        return argv;
    }

    /** owner/group/mode on every member and on the top folders, as Ansible's set_fs_attributes_if_different. */
    private static boolean applyAttributes(ModuleContext context, String dest, List<String> files, FileAttributes attributes)
            throws IOException, FileModuleError {
        List<String> paths = new ArrayList<>();
        for (String file : files) {
            paths.add(RemotePath.join(dest, file));
            if (file.contains("/")) {
                String top = RemotePath.join(dest, file.substring(0, file.indexOf('/')));
                if (!paths.contains(top)) {
                    paths.add(top);
                }
            }
        }
        FileFacts facts = new FileFacts();
        paths.forEach(p -> facts.probe(FileFacts.Probe.of(p).withoutNames()));
        FactReport report = attributes.ask(facts).read(context.target());
        HostScript script = new HostScript();
        boolean changed = false;
        for (int i = 0; i < paths.size(); i++) {
            FileState state = report.state(i);
            if (state.lstat() == null) {
                continue;
            }
            FileAttributes.Change change = attributes.plan(paths.get(i), state.lstat(), report);
            if (change.changed()) {
                changed = true;
                script.lines(change.commands(RemotePath.word(paths.get(i))));
            }
        }
        if (changed) {
            script.run(context.target(), null, null);
        }
        return changed;
    }
}
