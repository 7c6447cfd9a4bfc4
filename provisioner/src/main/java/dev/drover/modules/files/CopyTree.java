package dev.drover.modules.files;

import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.ShellQuote;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * copy with a controller directory as src, as Ansible does it: "dir" copies the directory
 * itself into dest, "dir/" only its contents; files go over when their sha1 differs,
 * directories are made (with directory_mode, owner, group), symlinks are recreated (or
 * followed, with local_follow). Extra files already in dest are left alone.
 *
 * <p>Where Ansible runs a module per file, this takes ONE fact command for the whole tree
 * and ONE script for every change, with all changed files' bytes streamed over stdin.
 */
final class CopyTree {

    private record LocalFile(Path source, String rel) {
    }

    private record LocalLink(String target, String rel) {
    }

    /** What the controller directory holds, relative to dest. */
    private record Tree(List<LocalFile> files, List<String> directories, List<LocalLink> links) {
    }

    private CopyTree() {
    }

    static ModuleResult run(ModuleContext context, Path source, boolean trailingSlash, String dest,
                            ContentCopy.Options options, boolean localFollow, boolean preserveMode, boolean decrypt)
            throws IOException {
        try {
            return copy(context, source, trailingSlash, dest.endsWith("/") ? dest : dest + "/", options, localFollow,
                    preserveMode, decrypt);
        } catch (FileModuleError e) {
            return e.toResult(context);
        }
    }

    private static ModuleResult copy(ModuleContext context, Path source, boolean trailingSlash, String dest,
                                     ContentCopy.Options options, boolean localFollow, boolean preserveMode,
                                     boolean decrypt) throws IOException, FileModuleError {
        Tree tree = walk(source, trailingSlash, localFollow);
        FileFacts query = new FileFacts();
        tree.files().forEach(f -> query.probe(FileFacts.Probe.of(dest + f.rel()).withChecksum("sha1")));
        tree.directories().forEach(d -> query.probe(dest + d));
        tree.links().forEach(l -> query.probe(dest + l.rel()));
        options.attributes().ask(query);
        FactReport facts = query.read(context.target());
        List<FileState> states = facts.states();

        int umask = facts.umask();
        long[] caller = facts.callerIds() == null ? new long[] {-1, -1} : facts.callerIds();
        Inode newDir = new Inode(Inode.Kind.DIRECTORY, 0777 & ~umask, caller[0], caller[1], null, null, 0, 1, 0, 0,
                0, 0, 0, 0, 0, 0);
        Inode newFile = new Inode(Inode.Kind.FILE, 0666 & ~umask, caller[0], caller[1], null, null, 0, 1, 0, 0,
                0, 0, 0, 0, 0, 0);
        FileAttributes dirAttributes = options.attributes().withMode(options.directoryMode());

        List<String> script = new ArrayList<>();
        ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        Set<String> created = new HashSet<>();
        int index = 0;
        for (LocalFile file : tree.files()) {
            FileState state = states.get(index++);
            if (state.exists() && !options.force()) {
                continue;
            }
            FileAttributes attributes = !preserveMode ? options.attributes()
                    : options.attributes().withMode(FileMode.of(mode(file.source())));
            byte[] bytes = Copy.read(file.source(), decrypt);
            String path = state.path();
            boolean same = state.lstat() != null && state.lstat().isRegular()
                    && ContentCopy.sha1(bytes).equals(state.checksum());
            if (same) {
                script.addAll(attributes.plan(path, state.lstat(), facts).commands(RemotePath.word(path)));
                continue;
            }
            script.addAll(makeParents(dest, RemotePath.parent(file.rel()), created, dirAttributes, newDir, facts));
            Inode replaced = state.lstat() != null && state.lstat().isRegular() ? state.lstat() : null;
            FileAttributes.Change change = attributes.plan(path, replaced != null ? replaced : newFile, facts);
            script.add(writeFromStdin(path, bytes.length, replaced, 0666 & ~umask, change, options, state.exists()));
            stdin.write(bytes);
        }
        for (String dir : tree.directories()) {
            FileState state = states.get(index++);
            if (!state.exists()) {
                script.addAll(makeParents(dest, dir, created, dirAttributes, newDir, facts));
            } else if (!state.isDirFollowed()) {
                throw new FileModuleError(state.path() + " already exists as a " + state.ansibleState())
                        .with("path", state.path());
            } else {
                script.addAll(dirAttributes.plan(state.path(), state.followed(), facts)
                        .commands(RemotePath.word(state.path())));
            }
        }
        FileAttributes linkAttributes = preserveMode ? options.attributes().withMode(null) : options.attributes();
        for (LocalLink link : tree.links()) {
            FileState state = states.get(index++);
            String word = RemotePath.word(state.path());
            if (!state.isLink() || !link.target().equals(state.linkTarget())) {
                if (state.exists() && state.lstat().isDirectory()) {
                    script.add("rmdir -- " + word + " || fail " + ShellQuote.quote("the directory " + state.path()
                            + " is not empty, refusing to convert it"));
                }
                script.addAll(makeParents(dest, RemotePath.parent(link.rel()), created, dirAttributes, newDir, facts));
                script.add("ln -sfn -- " + ShellQuote.quote(link.target()) + " " + word + " || fail 'Error while linking'");
                script.addAll(linkAttributes.plan(state.path(), new Inode(Inode.Kind.LINK, 0777, caller[0], caller[1],
                        null, null, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0), facts).commands(word));
            } else {
                script.addAll(linkAttributes.plan(state.path(), state.lstat(), facts).commands(word));
            }
        }

        boolean changed = !script.isEmpty();
        if (changed && !context.checkMode()) {
            new HostScript().lines(script).run(context.target(), stdin.toByteArray(), null);
        }
        return ModuleResult.builder().changed(changed).put("dest", dest).put("src", source.toString()).build();
    }

    /** mkdir for each directory of {@code rel} below dest that neither exists nor is already being made. */
    private static List<String> makeParents(String dest, String rel, Set<String> created, FileAttributes attributes,
                                            Inode newDir, FactReport facts) throws FileModuleError {
        List<String> commands = new ArrayList<>();
        String current = "";
        List<String> parts = new ArrayList<>(List.of(dest.replaceAll("/+$", "").split("/")));
        parts.addAll(rel.isEmpty() ? List.of() : List.of(rel.split("/")));
        for (String part : parts) {
            current = current.isEmpty() && dest.startsWith("/") && part.isEmpty() ? "/" : RemotePath.join(current, part);
            if (part.isEmpty() || !created.add(current)) {
                continue;
            }
            String word = RemotePath.word(current);
            StringBuilder line = new StringBuilder("[ -d " + word + " ] || { mkdir -- " + word + " || fail "
                    + ShellQuote.quote("There was an issue creating " + current + " as requested") + "; ");
            attributes.plan(current, newDir, facts).commands(word).forEach(c -> line.append(c).append("; "));
            commands.add(line.append('}').toString());
        }
        return commands;
    }

    /** Takes exactly {@code size} bytes from the shared stdin into a temp file, then renames it over {@code path}. */
    private static String writeFromStdin(String path, int size, Inode replaced, int newMode,
                                         FileAttributes.Change change, ContentCopy.Options options, boolean exists)
            throws FileModuleError {
        String temp = RemotePath.word(RemotePath.join(RemotePath.parent(path), ".drover." + System.nanoTime()));
        String word = RemotePath.word(path);
        StringBuilder sh = new StringBuilder("t=" + temp + "; (umask 077; set -C; : > \"$t\") || fail "
                + ShellQuote.quote("Destination " + RemotePath.parent(path) + " not writable") + "; ");
        // head -c reads exactly size bytes from the pipe and leaves the rest for the next file.
        sh.append("head -c ").append(size).append(" > \"$t\" || { rm -f -- \"$t\"; fail ")
                .append(ShellQuote.quote("failed to write " + path)).append("; }; ");
        int mode = replaced != null ? replaced.mode() : newMode;
        sh.append("chmod ").append(String.format("%05o", mode)).append(" -- \"$t\"; ");
        if (replaced != null) {
            sh.append("chown ").append(replaced.uid()).append(':').append(replaced.gid()).append(" -- \"$t\" 2>/dev/null; ");
        }
        for (String command : change.commands("\"$t\"")) {
            sh.append("{ ").append(command).append("; }; ");
        }
        if (options.validate() != null) {
            if (!options.validate().contains("%s")) {
                throw new FileModuleError("validate must contain %s: " + options.validate());
            }
            sh.append("{ ").append(options.validate().replace("%s", temp)).append(" ; } </dev/null >/dev/null 2>&1 || { rm -f -- \"$t\"; fail ")
                    .append(ShellQuote.quote("failed to validate " + path)).append("; }; ");
        }
        if (options.backup() && exists) {
            sh.append("p=").append(word).append("; ").append(Backup.command("$p")).append("; ");
        }
        sh.append("mv -fT -- \"$t\" ").append(word).append(" || { rm -f -- \"$t\"; fail ")
                .append(ShellQuote.quote("failed to copy to " + path)).append("; }");
        return sh.toString();
    }

    /** Ansible's _walk_dirs, sorted so runs are repeatable. */
    private static Tree walk(Path top, boolean trailingSlash, boolean localFollow) throws IOException {
        Tree tree = new Tree(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        String base = trailingSlash ? "" : top.getFileName().toString();
        if (Files.isSymbolicLink(top) && !localFollow) {
            tree.links().add(new LocalLink(Files.readSymbolicLink(top).toString(), base));
            return tree;
        }
        Set<Object> parents = new HashSet<>();
        parents.add(Files.readAttributes(top, "unix:ino").get("ino"));
        recurse(top, base, localFollow, parents, tree);
        return tree;
    }

    private static void recurse(Path dir, String relBase, boolean localFollow, Set<Object> parents, Tree tree)
            throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.sorted().toList();
        }
        for (Path entry : entries) {
            String rel = relBase.isEmpty() ? entry.getFileName().toString() : relBase + "/" + entry.getFileName();
            boolean link = Files.isSymbolicLink(entry);
            if (Files.isDirectory(entry)) {
                if (link && !localFollow) {
                    tree.links().add(new LocalLink(Files.readSymbolicLink(entry).toString(), rel));
                    continue;
                }
                Path real = link ? entry.toRealPath() : entry;
                Object key = Files.readAttributes(real, "unix:ino").get("ino");
                if (parents.contains(key)) {
                    // A link back up the tree: keep it a link rather than copy forever.
                    tree.links().add(new LocalLink(Files.readSymbolicLink(entry).toString(), rel));
                    continue;
                }
                tree.directories().add(rel);
                Set<Object> deeper = new HashSet<>(parents);
                deeper.add(key);
                recurse(real, rel, localFollow, deeper, tree);
            } else if (link && !(localFollow && Files.isRegularFile(entry))) {
                tree.links().add(new LocalLink(Files.readSymbolicLink(entry).toString(), rel));
            } else {
                tree.files().add(new LocalFile(link ? entry.toRealPath() : entry, rel));
            }
        }
    }

    static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}
