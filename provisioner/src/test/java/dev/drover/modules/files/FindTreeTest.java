package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The walk over find's listing: os.walk's order, hidden entries, depth, and what counts as examined. */
class FindTreeTest {

    // Records as Find.listing prints them: type, target type, depth, mode, uid, gid, size, links, inode, dev, times, names, name.
    private static String entry(char type, char target, int depth, String name) {
        return type + " " + target + " " + depth + " 644 0 0 12 1 100 2049 1700000000.5 1700000000.5 1700000000.5 root root "
                + name + "\0";
    }

    private static List<FindTree.Listing> listing() {
        String out = "T\0" + "1700003600.0\0" + "R\0/top\0"
                + entry('d', 'd', 1, "sub")
                + entry('f', 'f', 2, "inner.txt")
                + entry('d', 'd', 2, "deeper")
                + entry('f', 'f', 3, "deep.txt")
                + entry('f', 'f', 1, "one.txt")
                + entry('f', 'f', 1, ".hidden.txt")
                + entry('d', 'd', 1, ".git")
                + entry('f', 'f', 2, "config.txt")
                + entry('l', 'd', 1, "link")
                + "R\0/missing\0X\0'/missing' is not a directory\0";
        return FindTree.parseListings(out.getBytes(StandardCharsets.UTF_8));
    }

    private static FindTree.Options options(String type, boolean recurse, boolean hidden, long depth) throws Exception {
        return new FindTree.Options(FindFilter.of(List.of(), List.of(), false), type, null, "mtime", null, recurse, hidden,
                false, depth);
    }

    private static List<Object> paths(FindTree.Outcome outcome) {
        return outcome.files().stream().map(f -> f.get("path")).toList();
    }

    @Test
    void filesOfADirectoryComeBeforeItsSubdirectories() throws Exception {
        FindTree.Outcome found = FindTree.walk(listing(), options("file", true, false, 0));
        assertThat(paths(found)).containsExactly("/top/one.txt", "/top/sub/inner.txt", "/top/sub/deeper/deep.txt",
                "/top/.git/config.txt");
        assertThat(found.examined()).isEqualTo(9);
    }

    @Test
    void aPathThatIsNotADirectoryIsSkippedWithAWarning() throws Exception {
        FindTree.Outcome found = FindTree.walk(listing(), options("file", false, false, 0));
        assertThat(found.skipped()).containsExactly(Map.entry("/missing", "'/missing' is not a directory"));
        assertThat(found.warnings()).containsExactly(
                "Skipped '/missing' path due to this access issue: '/missing' is not a directory\n");
    }

    @Test
    void withoutRecurseOnlyTheTopIsExamined() throws Exception {
        FindTree.Outcome found = FindTree.walk(listing(), options("any", false, true, 0));
        assertThat(paths(found)).containsExactly("/top/one.txt", "/top/.hidden.txt", "/top/sub", "/top/.git", "/top/link");
        assertThat(found.examined()).isEqualTo(5);
    }

    @Test
    void depthPrunesButStillCountsWhatItSaw() throws Exception {
        FindTree.Outcome found = FindTree.walk(listing(), options("any", true, false, 1));
        assertThat(paths(found)).containsExactly("/top/one.txt", "/top/sub", "/top/link");
        // The top (5), sub (2) and .git (1) were walked; sub's entries were too deep to list or enter.
        assertThat(found.examined()).isEqualTo(8);
    }

    @Test
    void typesAndStatFields() throws Exception {
        FindTree.Outcome dirs = FindTree.walk(listing(), options("directory", true, true, 0));
        assertThat(paths(dirs)).containsExactly("/top/sub", "/top/.git", "/top/sub/deeper");
        FindTree.Outcome links = FindTree.walk(listing(), options("link", false, false, 0));
        Map<String, Object> link = links.files().get(0);
        assertThat(link).containsEntry("path", "/top/link").containsEntry("islnk", true).containsEntry("mode", "0644")
                .containsEntry("pw_name", "root").containsEntry("size", 12L).containsEntry("mtime", 1700000000.5);
    }

    @Test
    void normpathLikePython() {
        assertThat(FindTree.normpath("/a//b/./c/")).isEqualTo("/a/b/c");
        assertThat(FindTree.normpath("a/../../b")).isEqualTo("../b");
        assertThat(FindTree.normpath("/../x")).isEqualTo("/x");
        assertThat(FindTree.normpath("")).isEqualTo(".");
    }
}
