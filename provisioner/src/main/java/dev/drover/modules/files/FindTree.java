package dev.drover.modules.files;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What find's listing holds and how Ansible's find walks it: entries in the directory
 * order the host's file system gives, walked as Python's os.walk does (a directory's files
 * first, then its subdirectories, then each subdirectory in turn), counting what it
 * examines and keeping what the filters accept.
 */
final class FindTree {

    /** The task's filters, with age and size already in seconds and bytes. */
    record Options(FindFilter names, String fileType, Long age, String ageStamp, Long size, boolean recurse,
                   boolean hidden, boolean follow, long depth) {
    }

    /** One entry below a searched path, as GNU find printed it, with the entries below it. */
    record Entry(String name, char type, char targetType, int depth, int mode, long uid, long gid, long size,
                 long nlink, long inode, long dev, double atime, double mtime, double ctime, String owner, String group,
                 List<Entry> children) {

        /** os.walk's is_dir(): follows symlinks, so a link to a directory counts as one. */
        boolean walksAsDirectory() {
            return type == 'd' || (type == 'l' && targetType == 'd');
        }

        double stamp(String which) {
            return switch (which) {
                case "atime" -> atime;
                case "ctime" -> ctime;
                default -> mtime;
            };
        }
    }

    /** One searched path: its entries (top level), or why it could not be searched. */
    record Listing(String path, List<Entry> entries, String problem, double now) {
    }

    /** What the walk found: matches in order, how many entries it looked at, the paths it skipped. */
    record Outcome(List<Map<String, Object>> files, int examined, Map<String, String> skipped, List<String> warnings) {
    }

    private FindTree() {
    }

    /** Reads the NUL-separated output of {@link Find#listing}. */
    static List<Listing> parseListings(byte[] output) {
        String[] tokens = new String(output, StandardCharsets.UTF_8).split("\0", -1);
        List<Listing> listings = new ArrayList<>();
        double now = 0;
        String path = null;
        List<Entry> top = null;
        String problem = null;
        List<Entry> stack = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.equals("T") && i + 1 < tokens.length) {
                now = Double.parseDouble(tokens[++i].trim());
            } else if (token.equals("R") && i + 1 < tokens.length) {
                if (path != null) {
                    listings.add(new Listing(path, top, problem, now));
                }
                path = tokens[++i];
                top = new ArrayList<>();
                problem = null;
                stack.clear();
            } else if (token.equals("X") && i + 1 < tokens.length) {
                String said = tokens[++i].trim();
                problem = said.replaceFirst("^find: ", "");
            } else if (token.length() > 2 && path != null) {
                Entry entry = parseEntry(token);
                while (stack.size() >= entry.depth()) {
                    stack.remove(stack.size() - 1);
                }
                (stack.isEmpty() ? top : stack.get(stack.size() - 1).children()).add(entry);
                stack.add(entry);
            }
        }
        if (path != null) {
            listings.add(new Listing(path, top, problem, now));
        }
        return listings;
    }

    private static Entry parseEntry(String record) {
        String[] f = record.split(" ", 16);
        return new Entry(f[15], f[0].charAt(0), f[1].charAt(0), Integer.parseInt(f[2]), Integer.parseInt(f[3], 8),
                Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                Long.parseLong(f[8]), Long.parseLong(f[9]), Double.parseDouble(f[10]), Double.parseDouble(f[11]),
                Double.parseDouble(f[12]), f[13], f[14], new ArrayList<>());
    }

    static Outcome walk(List<Listing> listings, Options options) {
        List<Map<String, Object>> files = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        int[] examined = {0};
        for (Listing listing : listings) {
            if (listing.problem() != null) {
                skipped.put(listing.path(), listing.problem());
                warnings.add("Skipped '" + listing.path() + "' path due to this access issue: " + listing.problem() + "\n");
                continue;
            }
            walkDirectory(listing.path(), listing.entries(), 1, options, listing.now(), files, examined);
        }
        return new Outcome(files, examined[0], skipped, warnings);
    }

    private static void walkDirectory(String top, List<Entry> children, int level, Options options, double now,
                                      List<Map<String, Object>> found, int[] examined) {
        examined[0] += children.size();
        List<Entry> ordered = new ArrayList<>();
        List<Entry> dirs = new ArrayList<>();
        for (Entry entry : children) {
            (entry.walksAsDirectory() ? dirs : ordered).add(entry);
        }
        ordered.addAll(dirs);
        if (options.depth() > 0 && level > options.depth()) {
            return; // Ansible prunes here: counted, but neither listed nor entered
        }
        for (Entry entry : ordered) {
            if (entry.name().startsWith(".") && !options.hidden()) {
                continue;
            }
            if (accepts(entry, options, now)) {
                found.add(describe(normpath(join(top, entry.name())), entry));
            }
        }
        if (!options.recurse()) {
            return;
        }
        for (Entry dir : dirs) {
            if (dir.type() == 'l' && !options.follow()) {
                continue;
            }
            walkDirectory(join(top, dir.name()), dir.children(), level + 1, options, now, found, examined);
        }
    }

    /** The type, name, age and size tests of Ansible's find, in its order; content is checked later. */
    static boolean accepts(Entry entry, Options options, double now) {
        boolean named = options.names().matches(entry.name());
        boolean aged = FindFilter.ageMatches(options.age(), now, entry.stamp(options.ageStamp()));
        return switch (options.fileType()) {
            case "any" -> named && aged && (entry.type() != 'f' || FindFilter.sizeMatches(options.size(), entry.size()));
            case "directory" -> entry.type() == 'd' && named && aged;
            case "link" -> entry.type() == 'l' && named && aged;
            default -> entry.type() == 'f' && named && aged && FindFilter.sizeMatches(options.size(), entry.size());
        };
    }

    /** Ansible's statinfo, after the path. */
    static Map<String, Object> describe(String path, Entry e) {
        int mode = e.mode();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", path);
        out.put("mode", String.format("%04o", mode & 07777));
        out.put("isdir", e.type() == 'd');
        out.put("ischr", e.type() == 'c');
        out.put("isblk", e.type() == 'b');
        out.put("isreg", e.type() == 'f');
        out.put("isfifo", e.type() == 'p');
        out.put("islnk", e.type() == 'l');
        out.put("issock", e.type() == 's');
        out.put("uid", e.uid());
        out.put("gid", e.gid());
        out.put("size", e.size());
        out.put("inode", e.inode());
        out.put("dev", e.dev());
        out.put("nlink", e.nlink());
        out.put("atime", e.atime());
        out.put("mtime", e.mtime());
        out.put("ctime", e.ctime());
        out.put("gr_name", e.group().equals(Long.toString(e.gid())) ? "" : e.group());
        out.put("pw_name", e.owner().equals(Long.toString(e.uid())) ? "" : e.owner());
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
        return out;
    }

    /** os.path.join for two parts. */
    static String join(String dir, String name) {
        return dir.isEmpty() || dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** Python's os.path.normpath (POSIX). */
    static String normpath(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean absolute = path.startsWith("/");
        // POSIX keeps exactly two leading slashes, and collapses three or more into one.
        int initial = absolute && path.startsWith("//") && !path.startsWith("///") ? 2 : absolute ? 1 : 0;
        ArrayDeque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && (!parts.isEmpty() && !parts.peekLast().equals("..") || absolute)) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
                continue;
            }
            parts.addLast(part);
        }
        String joined = String.join("/", parts);
        String result = "/".repeat(initial) + joined;
        return result.isEmpty() ? "." : result;
    }
}
