package dev.drover.modules.files;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
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
public final class File implements FileModule {

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

    /** The task's arguments after Ansible's own defaults and checks. */
    record Task(String state, String path, String src, boolean recurse, boolean force, boolean follow,
                FileAttributes attributes, Timestamps times) {
    }

    /** The facts gathered for a task: the path first, then link source candidates. */
    record Facts(FactReport report, FileState path, List<FileState> sources) {
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, FileModuleError {
        FileArgs.checkSupported(args);
        String state = args.string("state");
        String path = args.string("path");
        String src = args.string("src");
        Timestamps times = Timestamps.of(args.string("modification_time"), args.string("modification_time_format"),
                args.string("access_time"), args.string("access_time_format"), state == null ? "file" : state);
        Task task = new Task(state, path, src, args.bool("recurse"), args.bool("force"), args.bool("follow"),
                FileAttributes.from(args, path), times);
        Facts facts;
        if (quickDirectory(context, task)) {
            FileFacts look = query(context, task);
            QuickWrite.Outcome outcome = QuickWrite.runScript(context.target(), makeDirectoryScript(task, look),
                    new byte[0], look);
            if (!outcome.look()) {
                return madeDirectory(task, outcome.report());
            }
            facts = facts(outcome.report());
        } else {
            facts = read(context, task);
        }

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
        return facts(query(context, task).read(context.target()));
    }

    private static Facts facts(FactReport report) {
        return new Facts(report, report.state(0), report.states().subList(1, report.states().size()));
    }

    private static FileFacts query(ModuleContext context, Task task) {
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
        return query;
    }

    // ---- state=directory for a missing path, in one round trip ------------------------

    /**
     * Whether a missing directory can be made in the same command that looks at the path:
     * state=directory said outright, no recurse, times, owner or group, and no mode or a
     * numeric one. Check mode only looks.
     */
    private static boolean quickDirectory(ModuleContext context, Task task) {
        FileAttributes attributes = task.attributes();
        return "directory".equals(task.state()) && !context.checkMode() && !task.recurse() && task.src() == null
                && task.times().isPreserve() && attributes.owner() == null && attributes.group() == null
                && (attributes.mode() == null
                        || (!attributes.mode().isSymbolic() && (attributes.mode().resolve(0, true, 0) & ~07777) == 0));
    }

    /**
     * When the path is missing ({@code K made}): mkdir for each missing directory from the top,
     * each with the task's mode, and the path's stat as the last process. Otherwise ({@code K
     * look}) only the facts of {@link #query}. The mode comes from the umask when one can give it,
     * with chmod only for a directory that inherited a setgid bit (which Ansible's chmod clears) or
     * for special bits.
     */
    private static String makeDirectoryScript(Task task, FileFacts look) {
        StringBuilder sh = new StringBuilder(QuickWrite.PRELUDE);
        sh.append("p=").append(RemotePath.word(task.path())).append('\n');
        sh.append("if [ -e \"$p\" ] || [ -h \"$p\" ]; then\nprintf 'K look\\n'\n");
        sh.append(look.script(false));
        sh.append("else\nprintf 'K made\\n'\n");
        FileMode mode = task.attributes().mode();
        Integer wanted = mode == null ? null : mode.resolve(0, true, 0);
        boolean plain = wanted != null && (wanted & ~0777) == 0;
        if (plain) {
            sh.append("umask ").append(String.format("%04o", 0777 & ~wanted)).append('\n');
        }
        for (String component : components(task.path())) {
            String word = RemotePath.word(component);
            // "|| [ -d ]": another process (a second host delegating to the same machine) may make
            // the directory between the look and the mkdir; Ansible's file module accepts that too.
            sh.append("[ -e ").append(word).append(" ] || { mkdir -- ").append(word).append(" || [ -d ").append(word)
                    .append(" ] || fail ")
                    .append(ShellQuote.quote("There was an issue creating " + component + " as requested")).append("; ");
            if (wanted != null) {
                String chmod = "chmod " + String.format("%05o", wanted) + " -- " + word + " || fail chmod; ";
                sh.append(plain ? "[ ! -g " + word + " ] || " + chmod : chmod);
            }
            sh.append("}\n");
        }
        sh.append("printf 'P %s\\n' \"$p\"; exec ").append(FileFacts.statCommand("\"$p\"")).append("\nfi\n");
        return sh.toString();
    }

    /** The result for a directory {@link #makeDirectoryScript} made: the diff Ansible shows, from the umask before. */
    private static ModuleResult madeDirectory(Task task, FactReport report) throws FileModuleError {
        FileState after = report.state(0);
        String path = after.path();
        Diff diff = new Diff(path, "directory", "absent");
        Inode fresh = newInode(Inode.Kind.DIRECTORY, 0777 & ~report.umask(), report);
        task.attributes().plan(path, fresh, report).addTo(diff.before, diff.after);
        return ModuleResult.builder().changed(true).put("path", path).put("diff", diff.map())
                .putAll(FileResults.pathInfo(after)).build();
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
                StringBuilder create = new StringBuilder("[ -e " + word + " ] || { mkdir -- " + word + " || [ -d " + word
                        + " ] || fail "
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
