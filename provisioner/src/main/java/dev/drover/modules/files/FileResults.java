package dev.drover.modules.files;

import java.util.LinkedHashMap;
import java.util.Map;

/** Result fields and diff shapes shared by the file modules, as Ansible builds them. */
public final class FileResults {

    private FileResults() {
    }

    /**
     * Ansible's add_path_info: when the path exists (following links), its uid, gid, owner,
     * group, mode, state and size, describing the path itself (not a link's target).
     */
    public static Map<String, Object> pathInfo(FileState state) {
        Map<String, Object> info = new LinkedHashMap<>();
        if (state == null || !state.existsFollowed()) {
            return info;
        }
        Inode st = state.lstat();
        info.put("uid", st.uid());
        info.put("gid", st.gid());
        info.put("owner", st.ownerName());
        info.put("group", st.groupName());
        info.put("mode", FileMode.format(st.mode()));
        String kind = st.isLink() ? "link" : state.isDirFollowed() ? "directory"
                : state.followed().nlink() > 1 ? "hard" : "file";
        info.put("state", kind);
        info.put("size", st.size());
        return info;
    }

    /** lineinfile's and blockinfile's content diff: headers "PATH (content)". */
    public static Map<String, Object> contentDiff(String path, String before, String after) {
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("before", before);
        diff.put("after", after);
        diff.put("before_header", path + " (content)");
        diff.put("after_header", path + " (content)");
        return diff;
    }

    /** The "(file attributes)" diff that follows a content diff; before/after only when something changed. */
    public static Map<String, Object> attributesDiff(String path, FileAttributes.Change change) {
        Map<String, Object> diff = new LinkedHashMap<>();
        if (change != null && change.changed()) {
            diff.put("before", new LinkedHashMap<>(change.before()));
            diff.put("after", new LinkedHashMap<>(change.after()));
        }
        diff.put("before_header", path + " (file attributes)");
        diff.put("after_header", path + " (file attributes)");
        return diff;
    }
}
