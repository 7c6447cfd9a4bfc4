package dev.drover.modules.files;

import dev.drover.transport.CommandResult;
import dev.drover.transport.ShellQuote;
import dev.drover.transport.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything a file module needs to know about the host, gathered by ONE remote command:
 * the stat of each probed path (and of a symlink's target), checksums, the content of one
 * file, the umask, uids and gids for owner and group names, epochs for local times.
 *
 * <p>The command is plain POSIX sh with GNU coreutils (stat, readlink, sha1sum, cat, id,
 * date). It prints one tagged line per fact ({@code P path}, {@code S stat...},
 * {@code H checksum}, ...); the content of a file, when asked for, comes last and raw, so
 * binary files survive. Writers append {@link #script()} to their own commands to learn
 * the result of a change in the same round trip.
 */
public final class FileFacts {

    /** Ansible's MAX_FILE_SIZE_FOR_DIFF: larger files are not fetched for --diff. */
    public static final long MAX_DIFF_SIZE = 104448;

    /** What to learn about one path. */
    public record Probe(String path, String checksum, long contentLimit, boolean access, boolean mime,
                        boolean attributes, boolean dirEmpty, boolean tree, String onlyIf, boolean names) {

        public static Probe of(String path) {
            return new Probe(path, null, -1, false, false, false, false, false, null, true);
        }

        /**
         * Without owner and group names (the stat reports them unknown): for modules whose results
         * show none, as looking them up costs stat two reads of the user and group databases.
         */
        public Probe withoutNames() {
            return new Probe(path, checksum, contentLimit, access, mime, attributes, dirEmpty, tree, onlyIf, false);
        }

        /**
         * Looks only when the shell condition holds (e.g. {@code [ -d /etc/x ]}); otherwise the
         * path is reported absent without asking, which saves a stat for facts only needed
         * in some cases. Use it only for paths the module consults under the same condition.
         */
        public Probe onlyIf(String shellCondition) {
            return new Probe(path, checksum, contentLimit, access, mime, attributes, dirEmpty, tree, shellCondition, names);
        }

        /** Checksum of the file (following links) with sha1sum, md5sum, sha256sum, ... */
        public Probe withChecksum(String algorithm) {
            return new Probe(path, algorithm, contentLimit, access, mime, attributes, dirEmpty, tree, onlyIf, names);
        }

        /** The file's bytes when it is a readable regular file of at most {@code limit} bytes. */
        public Probe withContent(long limit) {
            return new Probe(path, checksum, limit, access, mime, attributes, dirEmpty, tree, onlyIf, names);
        }

        public Probe withAccess() {
            return new Probe(path, checksum, contentLimit, true, mime, attributes, dirEmpty, tree, onlyIf, names);
        }

        public Probe withMime() {
            return new Probe(path, checksum, contentLimit, access, true, attributes, dirEmpty, tree, onlyIf, names);
        }

        public Probe withAttributes() {
            return new Probe(path, checksum, contentLimit, access, mime, true, dirEmpty, tree, onlyIf, names);
        }

        public Probe withDirEmpty() {
            return new Probe(path, checksum, contentLimit, access, mime, attributes, true, tree, onlyIf, names);
        }

        /** Every entry below a directory, with its own stat, not following symlinks. */
        public Probe withTree() {
            return new Probe(path, checksum, contentLimit, access, mime, attributes, dirEmpty, true, onlyIf, names);
        }
    }

    private final List<Probe> probes = new ArrayList<>();
    private final List<String> users = new ArrayList<>();
    private final List<String> groups = new ArrayList<>();
    private final List<String> localTimes = new ArrayList<>();
    private boolean caller;

    public FileFacts probe(Probe probe) {
        if (probe.contentLimit() >= 0 && probes.stream().anyMatch(p -> p.contentLimit() >= 0)) {
            throw new IllegalArgumentException("only one probe can fetch content");
        }
        probes.add(probe);
        return this;
    }

    public FileFacts probe(String path) {
        return probe(Probe.of(path));
    }

    /** Whether the query prints anything besides the umask: probes, lookups, times. */
    public boolean asksAnything() {
        return !probes.isEmpty() || !users.isEmpty() || !groups.isEmpty() || !localTimes.isEmpty() || caller;
    }

    /** Looks up the uid of a user name (a number is taken as it is, without asking). */
    public FileFacts user(String name) {
        if (name != null && !isNumber(name) && !users.contains(name)) {
            users.add(name);
        }
        return this;
    }

    public FileFacts group(String name) {
        if (name != null && !isNumber(name) && !groups.contains(name)) {
            groups.add(name);
        }
        return this;
    }

    /** Asks for the epoch of a local time "YYYY-MM-DD HH:MM:SS" in the host's time zone. */
    public FileFacts localTime(String time) {
        if (!localTimes.contains(time)) {
            localTimes.add(time);
        }
        return this;
    }

    /** Asks for the uid and gid the commands run as (what a newly created file gets). */
    public FileFacts caller() {
        this.caller = true;
        return this;
    }

    /**
     * Runs the query. A host that answers without the facts (sudo refusing, a broken shell)
     * is a {@link FileModuleError} carrying what it said on stderr.
     */
    public FactReport read(Target target) throws IOException, FileModuleError {
        CommandResult result = target.run(script());
        FactReport report = parse(result);
        if (report.states().size() != probes.size()) {
            String err = result.err().trim();
            throw new FileModuleError("could not read file facts from the host (rc " + result.exitCode() + ")"
                    + (err.isEmpty() ? "" : ": " + err)).with("rc", result.exitCode());
        }
        return report;
    }

    /** Reads the output of {@link #script()}, possibly preceded by a writer's own tagged lines. */
    public FactReport parse(CommandResult result) {
        FactReport report = FactReport.parse(result, users, groups);
        // The script prints the probe with content last; give the states back in the order they were asked.
        List<Probe> printed = new ArrayList<>(probes.stream().filter(p -> p.contentLimit() < 0).toList());
        printed.addAll(probes.stream().filter(p -> p.contentLimit() >= 0).toList());
        if (report.states().size() == probes.size() && !printed.equals(probes)) {
            FileState[] ordered = new FileState[probes.size()];
            List<Probe> remaining = new ArrayList<>(probes);
            for (int i = 0; i < printed.size(); i++) {
                int at = indexOfSame(remaining, printed.get(i));
                remaining.set(at, null);
                ordered[at] = report.states().get(i);
            }
            report.reorder(Arrays.asList(ordered));
        }
        return report;
    }

    private static int indexOfSame(List<Probe> probes, Probe probe) {
        for (int i = 0; i < probes.size(); i++) {
            if (probes.get(i) == probe) {
                return i;
            }
        }
        throw new IllegalStateException("probe not found");
    }

    /** The shell text; a probe with content is always printed last. */
    public String script() {
        return script(true);
    }

    /**
     * The shell text, with or without the umask line: a writer that changes the umask
     * prints it itself before, and appends the facts without it.
     *
     * <p>The last command the facts run is {@code exec}'d when it is a plain command (the
     * last probe's stat, checksum or content), so the subshell the command runs in becomes
     * that process instead of forking it: the unchanged case of most tasks is this script
     * alone. The script's exit status is then that command's (1 for a missing path).
     */
    public String script(boolean withUmask) {
        StringBuilder sh = new StringBuilder("LC_ALL=C; export LC_ALL\n");
        if (withUmask) {
            sh.append("printf 'M '; umask\n");
        }
        if (caller) {
            sh.append("printf 'I %s %s\\n' \"$(id -u)\" \"$(id -g)\"\n");
        }
        for (String user : users) {
            sh.append("printf 'U %s\\n' \"$(id -u -- ").append(ShellQuote.quote(user)).append(" 2>/dev/null)\"\n");
        }
        for (String group : groups) {
            // One process: getent where there is one, else the first matching line of /etc/group.
            String q = ShellQuote.quote(group);
            sh.append("if command -v getent >/dev/null 2>&1; then g=$(getent group -- ").append(q)
                    .append(" 2>/dev/null); else g=$(grep -m 1 \"^\"").append(q).append("\":\" /etc/group); fi; ")
                    .append("case $g in *:*:*) g=${g#*:}; g=${g#*:}; g=${g%%:*} ;; *) g= ;; esac; printf 'G %s\\n' \"$g\"\n");
        }
        for (String time : localTimes) {
            sh.append("printf 'D %s\\n' \"$(date -d ").append(ShellQuote.quote(time)).append(" +%s 2>/dev/null)\"\n");
        }
        if (probes.stream().anyMatch(Probe::tree)) {
            sh.append(WALK);
        }
        List<Probe> ordered = new ArrayList<>(probes.stream().filter(p -> p.contentLimit() < 0).toList());
        ordered.addAll(probes.stream().filter(p -> p.contentLimit() >= 0).toList());
        for (int i = 0; i < ordered.size(); i++) {
            appendProbe(sh, ordered.get(i), i == ordered.size() - 1);
        }
        return sh.toString();
    }

    // Lists a tree with one stat per directory; positional parameters are per call, so recursion is safe.
    private static final String WALK = "walk() { for e in \"$1\"/* \"$1\"/.[!.]* \"$1\"/..?*; do"
            + " if [ -e \"$e\" ] || [ -h \"$e\" ]; then set -- \"$@\" \"$e\"; fi; done; shift;"
            + " [ $# -gt 0 ] || return 0; stat -c 'W " + Inode.STAT_FORMAT + " %n' -- \"$@\";"
            + " for e in \"$@\"; do if [ -d \"$e\" ] && [ ! -h \"$e\" ]; then walk \"$e\"; fi; done; }\n";

    /** The stat command printing a path's own {@code S} line, or stat's complaint, on stdout. */
    static String statCommand(String pathWord) {
        return statCommand(pathWord, true);
    }

    private static String statCommand(String pathWord, boolean names) {
        String format = names ? Inode.STAT_FORMAT : Inode.STAT_FORMAT.replace("%U %G", "UNKNOWN UNKNOWN");
        return "stat -c 'S " + format + "' -- " + pathWord + " 2>&1";
    }

    // Each fact is printed straight from the command that knows it (no $(...) captures), to keep
    // forks down: the unchanged case of every task is this one script.
    private static void appendProbe(StringBuilder sh, Probe probe, boolean last) {
        if (probe.onlyIf() != null) {
            sh.append("if ").append(probe.onlyIf()).append("; then\n");
            appendLook(sh, probe, last);
            sh.append("else printf 'P %s\\nN\\n' ").append(RemotePath.word(probe.path())).append("; fi\n");
        } else {
            appendLook(sh, probe, last);
        }
    }

    private static void appendLook(StringBuilder sh, Probe probe, boolean last) {
        sh.append("p=").append(RemotePath.word(probe.path())).append("; printf 'P %s\\n' \"$p\"\n");
        // A symlink's target first (test -h needs no process), so that a bare stat can come last.
        // readlink -m is Python's os.path.realpath: it resolves what exists and keeps the rest, so it prints a
        // path even when the target's directory is missing or the links loop (readlink -f prints nothing then).
        sh.append("if [ -h \"$p\" ]; then printf 'T '; readlink -- \"$p\"; printf 'R '; readlink -m -- \"$p\" || echo;")
                .append(" stat -L -c '").append("F ").append(Inode.STAT_FORMAT).append("' -- \"$p\" 2>/dev/null; fi\n");
        boolean extras = probe.access() || probe.checksum() != null || probe.mime() || probe.attributes()
                || probe.dirEmpty() || probe.tree() || probe.contentLimit() >= 0;
        // A failing stat prints "stat: cannot statx ...: <reason>" on stdout, which the parser keeps as the error.
        if (!extras) {
            sh.append(last ? "exec " : "").append(statCommand("\"$p\"", probe.names())).append('\n');
            return;
        }
        sh.append("if ").append(statCommand("\"$p\"", probe.names())).append("; then\n");
        // Only the last extra can be exec'd, and only when it is a single command.
        String execLast = last && !probe.mime() && !probe.attributes() && !probe.dirEmpty() && !probe.tree()
                && (probe.contentLimit() >= 0 || probe.checksum() != null) ? "exec " : "";
        if (probe.access()) {
            sh.append(" a=; [ -r \"$p\" ] && a=${a}r; [ -w \"$p\" ] && a=${a}w; [ -x \"$p\" ] && a=${a}x; printf 'A %s\\n' \"$a\"\n");
        }
        if (probe.checksum() != null) {
            sh.append(" if [ -f \"$p\" ] && [ -r \"$p\" ]; then printf 'H '; ")
                    .append(probe.contentLimit() < 0 ? execLast : "").append(probe.checksum())
                    .append("sum < \"$p\"; fi\n");
        }
        if (probe.mime()) {
            sh.append(" if command -v file >/dev/null 2>&1; then printf 'X '; file -b --mime-type --mime-encoding -- \"$p\" 2>/dev/null || echo; fi\n");
        }
        if (probe.attributes()) {
            sh.append(" if command -v lsattr >/dev/null 2>&1; then printf 'Y '; lsattr -vd -- \"$p\" 2>/dev/null || echo; fi\n");
        }
        if (probe.dirEmpty()) {
            sh.append(" if [ -d \"$p\" ]; then if [ -z \"$(ls -A -- \"$p\")\" ]; then printf 'E 1\\n'; else printf 'E 0\\n'; fi; fi\n");
        }
        if (probe.tree()) {
            sh.append(" if [ -d \"$p\" ] && [ ! -h \"$p\" ]; then walk \"$p\"; fi\n");
        }
        if (probe.contentLimit() == Long.MAX_VALUE) {
            sh.append(" if [ -f \"$p\" ] && [ -r \"$p\" ]; then printf 'C\\n'; ").append(execLast)
                    .append("cat -- \"$p\"; fi\n");
        } else if (probe.contentLimit() >= 0) {
            sh.append(" if [ -f \"$p\" ] && [ -r \"$p\" ]; then if [ \"$(stat -L -c %s -- \"$p\")\" -le ")
                    .append(probe.contentLimit()).append(" ]; then printf 'C\\n'; ").append(execLast)
                    .append("cat -- \"$p\"; else printf 'C-\\n'; fi; fi\n");
        }
        sh.append("else printf 'N\\n'; fi\n");
    }

    static boolean isNumber(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

}
