package dev.drover.modules.files;

import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The file module's state=link and state=hard, with Ansible's rules: when a link may
 * replace what is there (force), where a relative source is looked for, which inode the
 * owner/group/mode apply to. A link is replaced atomically: made under a temp name, then
 * renamed over the path.
 */
final class FileLinks {

    private FileLinks() {
    }

    // ---- state=link ------------------------------------------------------------------

    static ModuleResult symlink(ModuleContext context, File.Task task, File.Facts facts)
            throws IOException, FileModuleError {
        FileState current = facts.path();
        String path = current.path();
        String prev = current.ansibleState();
        String src = task.src();
        if (src == null && task.follow() && current.existsFollowed() && current.isLink()) {
            src = current.linkTarget();
        }
        FileState source = null;
        String absSrc = null;
        if (task.src() != null) {
            boolean inside = !current.isLink() && current.isDirFollowed() && !task.src().startsWith("/");
            source = facts.sources().get(inside && facts.sources().size() > 1 ? 1 : 0);
            absSrc = source.path();
        } else if (src != null) {
            absSrc = src.startsWith("/") ? src : RemotePath.join(RemotePath.parent(path), src);
        }
        if (!task.force() && task.src() != null && !source.existsFollowed()) {
            throw new FileModuleError("src file does not exist, use \"force=yes\" if you really want to create the link: "
                    + absSrc).with("path", path).with("src", src);
        }
        if (prev.equals("directory")) {
            if (!task.force()) {
                throw new FileModuleError("refusing to convert from directory to symlink for " + path).with("path", path);
            }
            if (Boolean.FALSE.equals(current.dirEmpty())) {
                throw new FileModuleError("the directory " + path + " is not empty, refusing to convert it")
                        .with("path", path);
            }
        } else if ((prev.equals("file") || prev.equals("hard")) && !task.force()) {
            throw new FileModuleError("refusing to convert from " + prev + " to symlink for " + path).with("path", path);
        }

        File.Diff diff = new File.Diff(path, "link", prev);
        boolean changed = false;
        if (!prev.equals("link")) {
            if (src == null) {
                throw new FileModuleError("src is required for creating new symlinks");
            }
            changed = true;
        } else if (src != null && !src.equals(current.linkTarget())) {
            diff.before.put("src", current.linkTarget());
            diff.after.put("src", src);
            changed = true;
        }
        List<String> commands = new ArrayList<>();
        String word = RemotePath.word(path);
        if (changed) {
            if (prev.equals("absent")) {
                commands.add("ln -s -- " + ShellQuote.quote(src) + " " + word + " || fail 'Error while linking'");
            } else {
                String temp = RemotePath.word(RemotePath.join(RemotePath.parent(path), ".drover." + System.nanoTime() + ".tmp"));
                if (prev.equals("directory")) {
                    commands.add("rmdir -- " + word + " || fail 'Error while replacing'");
                }
                commands.add("{ ln -s -- " + ShellQuote.quote(src) + " " + temp + " && mv -fT -- " + temp + " " + word
                        + "; } || { rm -f -- " + temp + "; fail 'Error while replacing'; }");
            }
        }

        // The link's target is what owner/group/mode apply to when following; the link itself otherwise.
        boolean targetExists = src != null && (source != null ? source.existsFollowed() : current.existsFollowed());
        if (context.checkMode() && !current.existsFollowed()) {
            return ModuleResult.builder().changed(changed).put("dest", path).put("src", src).put("diff", diff.map()).build();
        }
        List<String> warnings = new ArrayList<>();
        if (task.follow() && !targetExists) {
            warnings.add("Cannot set fs attributes on a non-existent symlink target. follow should be set to False to"
                    + " avoid this.");
        } else if (task.follow()) {
            Inode target = source != null ? source.followed() : current.target();
            String targetPath = source != null ? absSrc : current.realPath();
            commands.addAll(File.attributesAndTimes(task, facts.report(), targetPath, target, diff));
        } else {
            Inode link = prev.equals("link") && !changed ? current.lstat()
                    : File.newInode(Inode.Kind.LINK, 0777, facts.report());
            commands.addAll(File.attributesAndTimes(task, facts.report(), path, link, diff));
        }
        FileState after = File.execute(context, commands, path, current);
        ModuleResult.Builder result = ModuleResult.builder().changed(changed || !commands.isEmpty()).put("dest", path)
                .put("src", src).put("diff", diff.map()).putAll(FileResults.pathInfo(after));
        if (!warnings.isEmpty()) {
            result.put("warnings", warnings);
        }
        return result.build();
    }

    /** state=hard: the path is another name for src's inode. */
    static ModuleResult hardlink(ModuleContext context, File.Task task, File.Facts facts)
            throws IOException, FileModuleError {
        FileState current = facts.path();
        String path = current.path();
        String prev = current.ansibleState();
        String src = task.src();
        if (!prev.equals("hard") && src == null) {
            throw new FileModuleError("src is required for creating new hardlinks");
        }
        FileState source = src == null ? null : facts.sources().get(0);
        if (source != null && !source.existsFollowed()) {
            throw new FileModuleError("src does not exist").with("dest", path).with("src", src);
        }
        File.Diff diff = new File.Diff(path, "hard", prev);
        boolean changed;
        switch (prev) {
            case "absent" -> changed = true;
            case "link" -> {
                changed = !current.linkTarget().equals(src);
                if (changed) {
                    diff.before.put("src", current.linkTarget());
                    diff.after.put("src", src);
                }
            }
            case "hard" -> {
                changed = source != null && !sameInode(current.lstat(), source.followed());
                if (changed && !task.force()) {
                    throw new FileModuleError("Cannot link, different hard link exists at destination")
                            .with("dest", path).with("src", src);
                }
            }
            case "file" -> {
                changed = true;
                if (!task.force()) {
                    throw new FileModuleError("Cannot link, file exists at destination").with("dest", path).with("src", src);
                }
            }
            default -> {
                if (sameInode(current.followed(), source.followed())) {
                    return ModuleResult.builder().put("path", path).build();
                }
                if (!task.force()) {
                    throw new FileModuleError("Cannot link: different hard link exists at destination")
                            .with("dest", path).with("src", src);
                }
                changed = true;
            }
        }
        List<String> commands = new ArrayList<>();
        String word = RemotePath.word(path);
        if (changed) {
            if (prev.equals("absent")) {
                commands.add("ln -- " + RemotePath.word(src) + " " + word + " || fail 'Error while linking'");
            } else {
                String temp = RemotePath.word(RemotePath.join(RemotePath.parent(path), ".drover." + System.nanoTime() + ".tmp"));
                commands.add("{ ln -- " + RemotePath.word(src) + " " + temp + " && mv -fT -- " + temp + " " + word
                        + "; } || { rm -f -- " + temp + "; fail 'Error while replacing'; }");
            }
        }
        if (context.checkMode() && !current.existsFollowed()) {
            return ModuleResult.builder().changed(changed).put("dest", path).put("src", src).put("diff", diff.map()).build();
        }
        // After linking, the path is the source's inode: plan owner/group/mode against that.
        Inode inode = changed ? source.followed() : current.followed();
        commands.addAll(File.attributesAndTimes(task, facts.report(), path, inode, diff));
        FileState after = File.execute(context, commands, path, current);
        return ModuleResult.builder().changed(changed || !commands.isEmpty()).put("dest", path).put("src", src)
                .put("diff", diff.map()).putAll(FileResults.pathInfo(after)).build();
    }

    private static boolean sameInode(Inode a, Inode b) {
        return a != null && b != null && a.inode() == b.inode() && a.dev() == b.dev();
    }
}
