package dev.drover.modules.files;

import dev.drover.modules.ModuleArgs;
import dev.drover.transport.ShellQuote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The owner, group and mode a task asks for, and how to get a file there: compared with
 * the file's stat the way Ansible's set_fs_attributes_if_different compares (owner and
 * group by id, mode by permission bits after resolving symbolic notation), giving the
 * diff entries Ansible shows and the chown/chmod commands to run.
 */
public final class FileAttributes {

    private final String owner;
    private final String group;
    private final FileMode mode;

    public FileAttributes(String owner, String group, FileMode mode) {
        this.owner = owner;
        this.group = group;
        this.mode = mode;
    }

    /** From the common file arguments {@code owner}, {@code group}, {@code mode}; {@code path} names errors. */
    public static FileAttributes from(ModuleArgs args, String path) throws FileModuleError {
        try {
            return new FileAttributes(args.string("owner"), args.string("group"), FileMode.parse(args.get("mode")));
        } catch (FileModuleError e) {
            throw e.with("path", path);
        }
    }

    public static FileAttributes none() {
        return new FileAttributes(null, null, null);
    }

    public FileAttributes withMode(FileMode other) {
        return new FileAttributes(owner, group, other);
    }

    public String owner() {
        return owner;
    }

    public String group() {
        return group;
    }

    public FileMode mode() {
        return mode;
    }

    public boolean isEmpty() {
        return owner == null && group == null && mode == null;
    }

    /** Adds the name lookups this plan needs to a fact query. */
    public FileFacts ask(FileFacts facts) {
        facts.user(owner).group(group);
        if (owner != null || group != null) {
            facts.caller();
        }
        return facts;
    }

    /**
     * What has to change on a file whose stat is {@code current}.
     *
     * @param path the path as shown in error messages
     */
    public Change plan(String path, Inode current, FactReport ids) throws FileModuleError {
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        String chownTo = null;
        String chgrpTo = null;
        Integer chmodTo = null;
        if (owner != null) {
            Long uid = ids.uid(owner);
            if (uid == null) {
                throw new FileModuleError("chown failed: failed to look up user " + owner).with("path", path);
            }
            if (uid != current.uid()) {
                before.put("owner", current.uid());
                after.put("owner", uid);
                chownTo = owner;
            }
        }
        if (group != null) {
            Long gid = ids.gid(group);
            if (gid == null) {
                throw new FileModuleError("chgrp failed: failed to look up group " + group).with("path", path);
            }
            if (gid != current.gid()) {
                before.put("group", current.gid());
                after.put("group", gid);
                chgrpTo = group;
            }
        }
        // A symlink's own permissions mean nothing on Linux and cannot be changed; Ansible ends up leaving them too.
        if (mode != null && !current.isLink()) {
            int wanted = mode.resolve(current.mode(), current.isDirectory(), ids.umask());
            if ((wanted & ~07777) != 0) {
                throw new FileModuleError("Invalid mode supplied, only permission info is allowed")
                        .with("path", path).with("details", wanted);
            }
            if (wanted != current.mode()) {
                before.put("mode", FileMode.format(current.mode()));
                after.put("mode", FileMode.format(wanted));
                chmodTo = wanted;
            }
        }
        return new Change(before, after, chownTo, chgrpTo, chmodTo);
    }

    /**
     * A planned change of owner, group and mode: the diff entries (ids and '0644' strings,
     * as Ansible shows them) and the commands that make it.
     */
    public record Change(Map<String, Object> before, Map<String, Object> after, String chownTo, String chgrpTo,
                         Integer chmodTo) {

        public boolean changed() {
            return !after.isEmpty();
        }

        /** Shell commands applying the change to {@code pathWord} (already quoted), each ending in {@code || fail <what>}. */
        public List<String> commands(String pathWord) {
            List<String> commands = new ArrayList<>();
            if (chownTo != null || chgrpTo != null) {
                String spec = chownTo == null ? ":" + chgrpTo : chgrpTo == null ? chownTo : chownTo + ":" + chgrpTo;
                String what = chownTo != null ? "chown" : "chgrp";
                commands.add("chown -h " + ShellQuote.quote(spec) + " -- " + pathWord + " || fail " + what);
            }
            if (chmodTo != null) {
                // Five digits: GNU chmod keeps a directory's setgid bit for a shorter numeric mode, os.chmod does not.
                commands.add("chmod " + String.format("%05o", chmodTo) + " -- " + pathWord + " || fail chmod");
            }
            return commands;
        }

        /** Only the chown part of {@link #commands}, for a caller that sets the mode itself. */
        public List<String> ownershipCommands(String pathWord) {
            return commands(pathWord).stream().filter(c -> c.startsWith("chown ")).toList();
        }

        /** Puts this change's entries into a diff's before/after maps. */
        public void addTo(Map<String, Object> diffBefore, Map<String, Object> diffAfter) {
            diffBefore.putAll(before);
            diffAfter.putAll(after);
        }
    }
}
