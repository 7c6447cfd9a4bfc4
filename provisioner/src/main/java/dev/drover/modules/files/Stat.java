package dev.drover.modules.files;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's stat: facts about one path in a {@code stat} dict with Ansible's keys. One
 * remote command gathers the stat, access, checksum, mime type and attributes.
 */
public final class Stat implements Module {

    private static final Map<Character, String> ATTRIBUTE_NAMES = Map.ofEntries(
            Map.entry('A', "noatime"), Map.entry('a', "append"), Map.entry('c', "compressed"),
            Map.entry('C', "nocow"), Map.entry('d', "nodump"), Map.entry('D', "dirsync"),
            Map.entry('e', "extents"), Map.entry('E', "encrypted"), Map.entry('h', "blocksize"),
            Map.entry('i', "immutable"), Map.entry('I', "indexed"), Map.entry('j', "journalled"),
            Map.entry('N', "inline"), Map.entry('s', "zero"), Map.entry('S', "synchronous"),
            Map.entry('t', "notail"), Map.entry('T', "blockroot"), Map.entry('u', "undelete"),
            Map.entry('X', "compressedraw"), Map.entry('Z', "compresseddirty"));

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.path("path").mandatory().aliases("dest", "name"),
            Arg.bool("follow", false),
            Arg.bool("get_md5", false),
            Arg.bool("get_checksum", true),
            Arg.bool("get_mime", true).aliases("mime", "mime_type", "mime-type"),
            Arg.bool("get_attributes", true).aliases("attr", "attributes"),
            Arg.str("checksum_algorithm").defaultsTo("sha1").aliases("checksum", "checksum_algo")
                    .choices("md5", "sha1", "sha224", "sha256", "sha384", "sha512"));

    public Stat() {
    }

    @Override
    public String name() {
        return "stat";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        try {
            return stat(args, context);
        } catch (FileModuleError e) {
            return e.toResult(null);
        }
    }

    private ModuleResult stat(ModuleArgs args, ModuleContext context) throws IOException, FileModuleError {
        boolean follow = args.bool("follow");
        FileFacts.Probe probe = FileFacts.Probe.of(args.string("path")).withAccess();
        if (args.bool("get_checksum")) {
            probe = probe.withChecksum(args.string("checksum_algorithm"));
        }
        if (args.bool("get_mime")) {
            probe = probe.withMime();
        }
        if (args.bool("get_attributes")) {
            probe = probe.withAttributes();
        }
        FileFacts facts = new FileFacts().probe(probe);
        if (args.bool("get_md5")) {
            facts.probe(FileFacts.Probe.of(args.string("path")).withChecksum("md5"));
        }
        FactReport report = facts.read(context.target());
        FileState state = report.state(0);

        Inode st = follow ? state.followed() : state.lstat();
        if (st == null) {
            if (state.unreadable()) {
                return ModuleResult.failed(strerror(state.statError()));
            }
            Map<String, Object> missing = new LinkedHashMap<>();
            missing.put("exists", false);
            return ModuleResult.builder().put("stat", missing).build();
        }

        Map<String, Object> out = describe(state.path(), st);
        out.put("readable", state.readable());
        out.put("writeable", state.writable());
        out.put("executable", state.executable());
        if (st.isLink()) {
            out.put("lnk_source", state.realPath());
            out.put("lnk_target", state.linkTarget());
        }
        if (st.owner() != null) {
            out.put("pw_name", st.owner());
        }
        if (st.group() != null) {
            out.put("gr_name", st.group());
        }
        if (st.isRegular() && state.readable()) {
            if (args.bool("get_md5")) {
                out.put("md5", report.state(1).checksum());
            }
            if (args.bool("get_checksum")) {
                out.put("checksum", state.checksum());
            }
        }
        if (args.bool("get_mime")) {
            putMime(out, state.mime());
        }
        if (args.bool("get_attributes")) {
            putAttributes(out, state.lsattr());
        }
        return ModuleResult.builder().put("stat", out).build();
    }

    /** The keys Ansible's format_output derives from the stat itself. */
    static Map<String, Object> describe(String path, Inode st) {
        int mode = st.mode();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exists", true);
        out.put("path", path);
        out.put("mode", String.format("%04o", mode));
        out.put("isdir", st.kind() == Inode.Kind.DIRECTORY);
        out.put("ischr", st.kind() == Inode.Kind.CHAR_DEVICE);
        out.put("isblk", st.kind() == Inode.Kind.BLOCK_DEVICE);
        out.put("isreg", st.kind() == Inode.Kind.FILE);
        out.put("isfifo", st.kind() == Inode.Kind.FIFO);
        out.put("islnk", st.kind() == Inode.Kind.LINK);
        out.put("issock", st.kind() == Inode.Kind.SOCKET);
        out.put("uid", st.uid());
        out.put("gid", st.gid());
        out.put("size", st.size());
        out.put("inode", st.inode());
        out.put("dev", st.dev());
        out.put("nlink", st.nlink());
        out.put("atime", st.atime());
        out.put("mtime", st.mtime());
        out.put("ctime", st.ctime());
        out.put("wusr", (mode & 0200) != 0);
        out.put("rusr", (mode & 0400) != 0);
        out.put("xusr", (mode & 0100) != 0);
        out.put("wgrp", (mode & 020) != 0);
        out.put("rgrp", (mode & 040) != 0);
        out.put("xgrp", (mode & 010) != 0);
        out.put("woth", (mode & 02) != 0);
        out.put("roth", (mode & 04) != 0);
        out.put("xoth", (mode & 01) != 0);
        out.put("isuid", (mode & 04000) != 0);
        out.put("isgid", (mode & 02000) != 0);
        out.put("blocks", st.blocks());
        out.put("block_size", st.blockSize());
        out.put("device_type", st.rdev());
        return out;
    }

    /** `file -b --mime-type --mime-encoding` prints "text/plain; charset=us-ascii". */
    private static void putMime(Map<String, Object> out, String mime) {
        out.put("mimetype", "unknown");
        out.put("charset", "unknown");
        if (mime != null && mime.contains(";") && mime.contains("=")) {
            String[] parts = mime.split(";", 2);
            out.put("mimetype", parts[0].trim());
            out.put("charset", parts[1].substring(parts[1].indexOf('=') + 1).trim());
        }
    }

    /** `lsattr -vd` prints "VERSION FLAGS PATH", flags with '-' for unset ones. */
    private static void putAttributes(Map<String, Object> out, String lsattr) {
        out.put("version", null);
        out.put("attributes", List.of());
        out.put("attr_flags", "");
        if (lsattr == null || lsattr.isBlank()) {
            return;
        }
        String[] parts = lsattr.trim().split("\\s+");
        if (parts.length < 2) {
            return;
        }
        String flags = parts[1].replace("-", "");
        List<String> names = new ArrayList<>();
        for (char flag : flags.toCharArray()) {
            if (ATTRIBUTE_NAMES.containsKey(flag)) {
                names.add(ATTRIBUTE_NAMES.get(flag));
            }
        }
        out.put("version", parts[0]);
        out.put("attr_flags", flags);
        out.put("attributes", names);
    }

    /** "stat: cannot statx '/x': Permission denied" -> "Permission denied", like Python's strerror. */
    static String strerror(String statError) {
        int colon = statError.lastIndexOf(": ");
        return colon < 0 ? statError : statError.substring(colon + 2);
    }
}
