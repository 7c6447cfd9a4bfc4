package dev.drover.modules.files;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's file module: a path should be absent, a file, a directory, a symlink, a hard
 * link, or touched, with the given owner, group, mode and times.
 *
 * <p>What is: one fact command about the path (and a link's source). What should be:
 * decided per state below, following Ansible's rules and messages. What to run: one
 * script with every change, which also reports the path's final stat for the result.
 * Links (state=link, state=hard) are in {@link FileLinks}.
 */
public final class File implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(FileArgs.withCommon(
            Arg.str("state").choices("absent", "directory", "file", "hard", "link", "touch"),
            Arg.path("path").mandatory().aliases("dest", "name"),
            Arg.str("_original_basename"),
            Arg.bool("recurse", false),
            Arg.bool("force", false),
            Arg.bool("follow", true),
            Arg.path("src"),
            Arg.str("modification_time"),
            Arg.str("modification_time_format").defaultsTo("%Y%m%d%H%M.%S"),
            Arg.str("access_time"),
            Arg.str("access_time_format").defaultsTo("%Y%m%d%H%M.%S")));

    public File() {
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        try {
            return apply(args, context);
        } catch (FileModuleError e) {
            return e.toResult(context);
        }
    }

    /** The task's arguments after Ansible's own defaults and checks. */
    record Task(String state, String path, String src, boolean recurse, boolean force, boolean follow,
                FileAttributes attributes, Timestamps times) {
    }

    /** The facts gathered for a task: the path first, then link source candidates. */
    record Facts(FactReport report, FileState path, List<FileState> sources) {
    }

    private ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, FileModuleError {
        FileArgs.checkSupported(args);
        String state = args.string("state");
        String path = args.string("path");
        String src = args.string("src");
        Timestamps times = Timestamps.of(args.string("modification_time"), args.string("modification_time_format"),
                args.string("access_time"), args.string("access_time_format"), state == null ? "file" : state);
        Task task = new Task(state, path, src, args.bool("recurse"), args.bool("force"), args.bool("follow"),
                FileAttributes.from(args, path), times);
        Facts facts = read(context, task);

        // A directory given as path for a file or a link's name means "put it inside", named after the source.
        if (!"link".equals(state) && !"absent".equals(state) && facts.path().isDirFollowed()) {
            String basename = args.has("_original_basename") ? args.string("_original_basename")
                    : src != null ? RemotePath.basename(src) : null;
            if (basename != null) {
                task = new Task(state, RemotePath.join(facts.path().path(), basename), src, task.recurse(), task.force(),
                        task.follow(), task.attributes(), times);
                facts = read(context, task);
            }
        }
        path = facts.path().path();
        String prevState = facts.path().ansibleState();
        if (state == null) {
            state = !prevState.equals("absent") ? prevState : task.recurse() ? "directory" : "file";
            task = new Task(state, path, src, task.recurse(), task.force(), task.follow(), task.attributes(), times);
        }
        if (task.recurse() && !state.equals("directory")) {
            throw new FileModuleError("recurse option requires state to be 'directory'").with("path", path);
        }
        if (src != null && !state.equals("link") && !state.equals("hard")) {
            throw new FileModuleError("src option requires state to be 'link' or 'hard'").with("path", path);
        }
        return switch (state) {
            case "absent" -> absent(context, facts);
            case "directory" -> directory(context, task, facts);
            case "link" -> FileLinks.symlink(context, task, facts);
            case "hard" -> FileLinks.hardlink(context, task, facts);
            case "touch" -> touch(context, task, facts);
            default -> file(context, task, facts);
        };
    }

    private static Facts read(ModuleContext context, Task task) throws IOException, FileModuleError {
        FileFacts.Probe probe = FileFacts.Probe.of(task.path());
        if (task.recurse() || ("absent".equals(task.state()) && context.diffMode())) {
            probe = probe.withTree();
        }
        if ("link".equals(task.state())) {
            probe = probe.withDirEmpty();
        }
        FileFacts query = new FileFacts().probe(probe);
        for (String candidate : sourceCandidates(task)) {
            query.probe(candidate);
        }
        task.attributes().ask(query);
        task.times().ask(query);
        FactReport report = query.read(context.target());
        return new Facts(report, report.state(0), report.states().subList(1, report.states().size()));
    }

    /**
     * Where a link's source is looked for: a symlink's relative source is relative to the
     * link's directory (or to the path itself when that is a real directory), a hard link's
     * to the working directory.
     */
    private static List<String> sourceCandidates(Task task) {
        if (task.src() == null) {
            return List.of();
        }
        if ("link".equals(task.state()) && !task.src().startsWith("/")) {
            return List.of(RemotePath.join(RemotePath.parent(task.path()), task.src()),
                    RemotePath.join(task.path(), task.src()));
        }
        return List.of(task.src());
    }

    // ---- state=absent ----------------------------------------------------------------

    private static ModuleResult absent(ModuleContext context, Facts facts) throws IOException, FileModuleError {
        FileState current = facts.path();
        String path = current.path();
        String prev = current.ansibleState();
        if (prev.equals("absent")) {
            return ModuleResult.builder().put("path", path).put("state", "absent").build();
        }
        Diff diff = new Diff(path, "absent", prev);
        if (prev.equals("directory")) {
            List<String> dirs = new ArrayList<>();
            List<String> files = new ArrayList<>();
            for (FileState.TreeEntry entry : current.tree()) {
                (entry.lstat().isDirectory() ? dirs : files).add(entry.path());
            }
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("directories", dirs);
            content.put("files", files);
            diff.before.put("path_content", content);
        }
        String word = RemotePath.word(path);
        List<String> commands = List.of(prev.equals("directory")
                ? "rm -rf -- " + word + " || fail 'rmtree failed'"
                : "rm -f -- " + word + " || fail 'unlinking failed'");
        FileState after = execute(context, commands, path, current);
        return ModuleResult.builder().changed(true).put("path", path).put("diff", diff.map()).put("state", "absent")
                .putAll(FileResults.pathInfo(after)).build();
    }

    // ---- state=file ------------------------------------------------------------------

    private static ModuleResult file(ModuleContext context, Task task, Facts facts) throws IOException, FileModuleError {
        FileState current = facts.path();
        String path = current.path();
        String prev = current.ansibleState();
        Inode inode = current.lstat();
        if (!prev.equals("file") && task.follow() && prev.equals("link")) {
            path = current.realPath();
            inode = current.target();
            prev = stateOf(inode);
        }
        if (!prev.equals("file") && !prev.equals("hard")) {
            throw new FileModuleError("file (" + path + ") is " + prev + ", cannot continue")
                    .with("path", path).with("state", prev);
        }
        Diff diff = new Diff(path, "file", prev);
        List<String> commands = attributesAndTimes(task, facts.report(), path, inode, diff);
        FileState after = execute(context, commands, path, current);
        return ModuleResult.builder().changed(!commands.isEmpty()).put("path", path).put("diff", diff.map())
                .putAll(FileResults.pathInfo(after)).build();
    }

    // ---- state=directory -------------------------------------------------------------

    private static ModuleResult directory(ModuleContext context, Task task, Facts facts)
            throws IOException, FileModuleError {
        FileState current = facts.path();
        String path = current.path();
        String prev = current.ansibleState();
        Inode inode = current.lstat();
        if (task.follow() && prev.equals("link")) {
            path = current.realPath();
            inode = current.target();
            prev = stateOf(inode);
        }
        Diff diff = new Diff(path, "directory", prev);
        if (prev.equals("absent")) {
            if (context.checkMode()) {
                return ModuleResult.builder().changed(true).put("path", path).put("diff", diff.map()).build();
            }
            // mkdir -p, giving each directory it creates the task's owner, group and mode.
            Inode fresh = newInode(Inode.Kind.DIRECTORY, 0777 & ~facts.report().umask(), facts.report());
            FileAttributes.Change change = task.attributes().plan(path, fresh, facts.report());
            change.addTo(diff.before, diff.after);
            List<String> commands = new ArrayList<>();
            for (String component : components(path)) {
                String word = RemotePath.word(component);
                StringBuilder create = new StringBuilder("[ -e " + word + " ] || { mkdir -- " + word + " || fail "
                        + ShellQuote.quote("There was an issue creating " + component + " as requested") + "; ");
                for (String command : change.commands(word)) {
                    create.append(command).append("; ");
                }
                commands.add(create.append('}').toString());
            }
            FileState after = execute(context, commands, path, current);
            return ModuleResult.builder().changed(true).put("path", path).put("diff", diff.map())
                    .putAll(FileResults.pathInfo(after)).build();
        }
        if (!prev.equals("directory")) {
            throw new FileModuleError(path + " already exists as a " + prev).with("path", path);
        }
        List<String> commands = attributesAndTimes(task, facts.report(), path, inode, diff);
        if (task.recurse()) {
            for (FileState.TreeEntry entry : current.tree()) {
                FileAttributes.Change change = task.attributes().plan(entry.path(), entry.lstat(), facts.report());
                String word = RemotePath.word(entry.path());
                commands.addAll(change.commands(word));
                commands.addAll(task.times().plan(entry.lstat(), facts.report()).commands(word));
            }
        }
        FileState after = execute(context, commands, path, current);
        return ModuleResult.builder().changed(!commands.isEmpty()).put("path", path).put("diff", diff.map())
                .putAll(FileResults.pathInfo(after)).build();
    }

    // ---- state=link and state=hard are in FileLinks ---------------------------------

    // ---- state=touch -----------------------------------------------------------------

    private static ModuleResult touch(ModuleContext context, Task task, Facts facts) throws IOException, FileModuleError {
        FileState current = facts.path();
        String path = current.path();
        String prev = current.ansibleState();
        if (prev.equals("absent") && context.checkMode()) {
            return ModuleResult.builder().changed(true).put("dest", path).build();
        }
        List<String> commands = new ArrayList<>();
        // Owner, group, mode and times go to a symlink's target when following, as Ansible's file args do.
        boolean throughLink = task.follow() && current.isLink();
        String attributePath = throughLink ? current.realPath() : path;
        Inode inode = throughLink ? current.target() : current.lstat();
        if (prev.equals("absent")) {
            commands.add(": >> " + RemotePath.word(path) + " || fail 'Error, could not touch target'");
            inode = newInode(Inode.Kind.FILE, 0666 & ~facts.report().umask(), facts.report());
        }
        Diff diff = new Diff(path, "touch", prev);
        if (inode == null) {
            throw new FileModuleError("Error while updating modification or access time: the link target of " + path
                    + " does not exist").with("path", path);
        }
        commands.addAll(attributesAndTimes(task, facts.report(), attributePath, inode, diff));
        FileState after = execute(context, commands, path, current);
        return ModuleResult.builder().changed(!commands.isEmpty()).put("dest", path).put("diff", diff.map())
                .putAll(FileResults.pathInfo(after)).build();
    }

    // ---- shared pieces ---------------------------------------------------------------

    /** Owner/group/mode then times for one path, recording diff entries; returns the commands. */
    static List<String> attributesAndTimes(Task task, FactReport report, String path, Inode inode,
                                                   Diff diff) throws FileModuleError {
        List<String> commands = new ArrayList<>();
        if (inode == null) {
            return commands;
        }
        String word = RemotePath.word(path);
        FileAttributes.Change change = task.attributes().plan(path, inode, report);
        change.addTo(diff.before, diff.after);
        commands.addAll(change.commands(word));
        Timestamps.Change times = task.times().plan(inode, report);
        diff.before.putAll(times.before());
        diff.after.putAll(times.after());
        commands.addAll(times.commands(word));
        return commands;
    }

    /** Runs the commands (unless check mode or none) and returns the path's state afterwards. */
    static FileState execute(ModuleContext context, List<String> commands, String path, FileState before)
            throws IOException, FileModuleError {
        if (context.checkMode() || commands.isEmpty()) {
            return before;
        }
        FileFacts after = new FileFacts().probe(path);
        return new HostScript().lines(commands).run(context.target(), null, after).state(0);
    }

    private static String stateOf(Inode inode) {
        if (inode == null) {
            return "absent";
        }
        if (inode.isDirectory()) {
            return "directory";
        }
        return inode.nlink() > 1 ? "hard" : "file";
    }


    /** A file about to be created: the given mode, owned by the user the commands run as. */
    static Inode newInode(Inode.Kind kind, int mode, FactReport report) {
        long[] ids = report.callerIds() == null ? new long[] {-1, -1} : report.callerIds();
        double now = System.currentTimeMillis() / 1000.0;
        return new Inode(kind, mode, ids[0], ids[1], null, null, 0, 1, 0, 0, now, now, now, 0, 0, 0);
    }

    /** Each directory of a path from the top: /a/b -> /a, /a/b; a/b -> a, a/b. */
    private static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        String current = path.startsWith("/") ? "" : null;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            current = current == null ? part : current + "/" + part;
            out.add(current);
        }
        return out;
    }

    /** Ansible's file diff: {'before': {'path': p, 'state': prev}, 'after': {'path': p, 'state': new}, ...}. */
    static final class Diff {
        final Map<String, Object> before = new LinkedHashMap<>();
        final Map<String, Object> after = new LinkedHashMap<>();

        Diff(String path, String state, String prevState) {
            before.put("path", path);
            after.put("path", path);
            if (!prevState.equals(state)) {
                before.put("state", prevState);
                after.put("state", state);
            }
        }

        Map<String, Object> map() {
            Map<String, Object> diff = new LinkedHashMap<>();
            diff.put("before", before);
            diff.put("after", after);
            return diff;
        }
    }
}
