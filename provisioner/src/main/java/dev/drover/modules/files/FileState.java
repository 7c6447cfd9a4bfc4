package dev.drover.modules.files;

import java.util.List;

/**
 * What the host said about one path: its own stat (null when absent), and for a symlink
 * its target text, resolved path and the target's stat; plus whatever the query asked for
 * (access, checksum, content, mime type, attributes, emptiness, the tree below it).
 */
public record FileState(String path, Inode lstat, String statError, String linkTarget, String realPath, Inode target,
                        String access, String checksum, String mime, String lsattr, Boolean dirEmpty,
                        List<TreeEntry> tree, byte[] content, boolean contentTooLarge) {

    /** One entry found below a directory: its path and its own (not followed) stat. */
    public record TreeEntry(String path, Inode lstat) {
    }

    public FileState {
        tree = tree == null ? List.of() : List.copyOf(tree);
    }

    static FileState absent(String path, String error) {
        return new FileState(path, null, error, null, null, null, null, null, null, null, null, List.of(), null, false);
    }

    /** The same path with another stat of its own (after a change whose outcome is known). */
    FileState withLstat(Inode changed) {
        return new FileState(path, changed, statError, linkTarget, realPath, target, access, checksum, mime, lsattr,
                dirEmpty, tree, content, contentTooLarge);
    }

    /** os.path.lexists. */
    public boolean exists() {
        return lstat != null;
    }

    /** os.path.exists: follows a symlink; a dangling link does not exist. */
    public boolean existsFollowed() {
        return lstat != null && (!lstat.isLink() || target != null);
    }

    public boolean isLink() {
        return lstat != null && lstat.isLink();
    }

    /** os.path.isdir: follows symlinks. */
    public boolean isDirFollowed() {
        Inode followed = followed();
        return followed != null && followed.isDirectory();
    }

    /** os.path.isfile: follows symlinks. */
    public boolean isRegularFollowed() {
        Inode followed = followed();
        return followed != null && followed.isRegular();
    }

    /** The stat after following a symlink (os.stat); null when absent or dangling. */
    public Inode followed() {
        if (lstat == null) {
            return null;
        }
        return lstat.isLink() ? target : lstat;
    }

    public boolean readable() {
        return access != null && access.contains("r");
    }

    public boolean writable() {
        return access != null && access.contains("w");
    }

    public boolean executable() {
        return access != null && access.contains("x");
    }

    /**
     * The file module's view of a path (its get_state): link, directory, hard (a file with
     * more than one name), file, or absent.
     */
    public String ansibleState() {
        if (lstat == null) {
            return "absent";
        }
        if (lstat.isLink()) {
            return "link";
        }
        if (lstat.isDirectory()) {
            return "directory";
        }
        return lstat.nlink() > 1 ? "hard" : "file";
    }

    /** Whether the stat failed for another reason than the path not being there (e.g. permission denied). */
    public boolean unreadable() {
        return lstat == null && statError != null && !statError.contains("No such file or directory")
                && !statError.contains("Not a directory") && !statError.isBlank();
    }
}
