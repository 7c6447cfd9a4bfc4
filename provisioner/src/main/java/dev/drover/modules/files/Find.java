package dev.drover.modules.files;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.CommandResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's find: files below some directories that match names, types, age, size and
 * content. What is: one GNU find listing every entry with its stat (per path, in one
 * command); what matches: {@link FindFilter} and {@link FindTree}, which walks the listing
 * in the order Python's os.walk does, so results come in Ansible's order. Content
 * ({@code contains}) and checksums cost one more command, for the candidates only.
 */
public final class Find implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.of("paths", ArgType.LIST).mandatory().aliases("name", "path"),
            Arg.of("patterns", ArgType.LIST).defaultsTo(List.of()).aliases("pattern"),
            Arg.of("excludes", ArgType.LIST).aliases("exclude"),
            Arg.str("contains"),
            Arg.bool("read_whole_file", false),
            Arg.str("file_type").defaultsTo("file").choices("any", "directory", "file", "link"),
            Arg.str("age"),
            Arg.str("age_stamp").defaultsTo("mtime").choices("atime", "ctime", "mtime"),
            Arg.str("size"),
            Arg.bool("recurse", false),
            Arg.bool("hidden", false),
            Arg.bool("follow", false),
            Arg.bool("get_checksum", false),
            Arg.bool("use_regex", false),
            Arg.of("depth", ArgType.INT));

    @Override
    public String name() {
        return "find";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        Long age = null;
        if (args.has("age")) {
            age = FindFilter.seconds(args.string("age"));
            if (age == null) {
                return ModuleResult.builder().failed("failed to process age").put("age", args.string("age")).build();
            }
        }
        Long size = null;
        if (args.has("size")) {
            size = FindFilter.bytes(args.string("size"));
            if (size == null) {
                return ModuleResult.builder().failed("failed to process size").put("size", args.string("size")).build();
            }
        }
        FindFilter names;
        try {
            names = FindFilter.of(strings(args.list("patterns")), strings(args.list("excludes")), args.bool("use_regex"));
        } catch (FileModuleError | java.util.regex.PatternSyntaxException e) {
            return ModuleResult.failed(e.getMessage());
        }
        long depth = args.has("depth") ? args.integer("depth") : 0;
        FindTree.Options options = new FindTree.Options(names, args.string("file_type"), age, args.string("age_stamp"),
                size, args.bool("recurse"), args.bool("hidden"), args.bool("follow"), depth);

        List<String> paths = strings(args.list("paths"));
        CommandResult listed = context.target().run(listing(paths, options));
        List<FindTree.Listing> listings = FindTree.parseListings(listed.stdout());
        FindTree.Outcome found = FindTree.walk(listings, options);

        List<Map<String, Object>> files = found.files();
        boolean contains = args.has("contains") && args.string("file_type").equals("file");
        if (contains || args.bool("get_checksum")) {
            files = inspect(context, files, contains ? args.string("contains") : null, args.bool("read_whole_file"),
                    args.bool("get_checksum"));
            if (files == null) {
                return ModuleResult.failed("invalid regular expression in contains: " + args.string("contains"));
            }
        }
        ModuleResult.Builder result = ModuleResult.builder().put("files", files)
                .msg(found.skipped().isEmpty() ? "All paths examined" : "Not all paths examined, check warnings for details")
                .put("matched", files.size()).put("examined", found.examined()).put("skipped_paths", found.skipped());
        if (!found.warnings().isEmpty()) {
            result.put("warnings", found.warnings());
        }
        return result.build();
    }

    private static List<String> strings(List<Object> values) {
        return values.stream().map(String::valueOf).toList();
    }

    /** One find per path, deep enough for the walk; records end in NUL so any name survives. */
    static String listing(List<String> paths, FindTree.Options options) {
        StringBuilder sh = new StringBuilder("LC_ALL=C; export LC_ALL\nprintf 'T\\0%s\\0' \"$(date +%s.%N)\"\n");
        String maxDepth = !options.recurse() ? " -maxdepth 1"
                : options.depth() > 0 ? " -maxdepth " + (options.depth() + 1) : "";
        for (String path : paths) {
            sh.append("p=").append(RemotePath.word(path)).append("; printf 'R\\0%s\\0' \"$p\"\n")
                    .append("if [ -d \"$p\" ]; then e=$(find ").append(options.follow() ? "-L " : "")
                    .append("\"$p\" -mindepth 1").append(maxDepth)
                    .append(" -printf '%y %Y %d %m %U %G %s %n %i %D %A@ %T@ %C@ %u %g %f\\0' 2>&1 >&3) 3>&1 || printf 'X\\0%s\\0' \"$e\";")
                    .append(" else printf 'X\\0'\"'\"'%s'\"'\"' is not a directory\\0' \"$p\"; fi\n");
        }
        return sh.toString();
    }

    /** Reads candidates' content and/or checksums in one command; drops those whose content does not match. */
    private static List<Map<String, Object>> inspect(ModuleContext context, List<Map<String, Object>> files, String contains,
                                                     boolean wholeFile, boolean checksum) throws IOException {
        if (files.isEmpty()) {
            return files;
        }
        PythonRegex pattern = null;
        if (contains != null) {
            try {
                pattern = PythonRegex.compileText(contains, 0);
            } catch (FileModuleError e) {
                return null;
            }
        }
        StringBuilder sh = new StringBuilder();
        for (Map<String, Object> file : files) {
            String word = RemotePath.word(String.valueOf(file.get("path")));
            boolean regular = Boolean.TRUE.equals(file.get("isreg"));
            sh.append("printf 'F\\n'; ");
            if (checksum && regular) {
                sh.append("printf 'H '; sha1sum < ").append(word).append(" 2>/dev/null || echo; ");
            }
            if (contains != null) {
                sh.append("printf 'C '; base64 -w0 < ").append(word).append(" 2>/dev/null; echo; ");
            }
            sh.append('\n');
        }
        String[] out = context.target().run(sh.toString()).out().split("\n");
        List<Map<String, Object>> kept = new ArrayList<>();
        int index = -1;
        Map<String, Object> current = null;
        List<Map<String, Object>> decided = new ArrayList<>();
        for (String line : out) {
            if (line.equals("F")) {
                index++;
                current = new LinkedHashMap<>(files.get(index));
                decided.add(current);
            } else if (line.startsWith("H ") && current != null) {
                String sum = line.substring(2).trim();
                if (!sum.isEmpty()) {
                    current.put("checksum", sum.split("\\s+")[0]);
                }
            } else if (line.startsWith("C ") && current != null) {
                if (!contentMatches(pattern, line.substring(2).trim(), wholeFile)) {
                    current.put("_drop", true);
                }
            }
        }
        for (Map<String, Object> file : decided) {
            if (file.remove("_drop") == null) {
                kept.add(file);
            }
        }
        return kept;
    }

    /** Ansible's contentfilter: a line (or with read_whole_file the whole text) that the pattern matches. */
    static boolean contentMatches(PythonRegex pattern, String base64, boolean wholeFile) {
        String text;
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
            return false; // Python cannot read it as text either
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        if (wholeFile) {
            return pattern.matcher(text).find();
        }
        for (String line : text.split("(?<=\n)")) {
            if (pattern.matcher(line).lookingAt()) {
                return true;
            }
        }
        return false;
    }

}
