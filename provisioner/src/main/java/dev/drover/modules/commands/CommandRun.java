package dev.drover.modules.commands;

import dev.drover.modules.ModuleResult;
import dev.drover.transport.CommandResult;
import dev.drover.transport.ShellQuote;
import dev.drover.transport.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * What command and shell share: creates/removes guards, chdir, stdin, check mode, and
 * Ansible's result fields (cmd, rc, stdout, stderr, *_lines, start, end, delta).
 */
final class CommandRun {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private CommandRun() {
    }

    /**
     * The result when the command cannot or need not run: chdir is no directory to change to
     * (a failure, in check mode too, as Ansible's module changes directory first), or a
     * creates/removes guard (relative to chdir) says so. Null to run it.
     */
    static ModuleResult guard(Target target, Object cmdField, String chdir, String creates, String removes) throws IOException {
        if (chdir != null) {
            ModuleResult unusable = unusableDirectory(target, chdir);
            if (unusable != null) {
                return unusable;
            }
        }
        String in = chdir == null ? "" : "cd " + ShellQuote.quote(chdir) + " && ";
        if (creates != null && exists(target, in, creates)) {
            return skippedBecause(cmdField, "Did not run command since '" + creates + "' exists", "skipped, since " + creates + " exists");
        }
        if (removes != null && !exists(target, in, removes)) {
            return skippedBecause(cmdField, "Did not run command since '" + removes + "' does not exist",
                    "skipped, since " + removes + " does not exist");
        }
        return null;
    }

    private static ModuleResult skippedBecause(Object cmdField, String msg, String stdout) {
        return ModuleResult.builder().changed(false).msg(msg).put("cmd", cmdField).put("rc", 0)
                .put("stdout", stdout).put("stdout_lines", List.of(stdout)).put("stderr", "").put("stderr_lines", List.of())
                .build();
    }

    /** Why chdir cannot be changed to, in Python's words as Ansible's module gives them; null when it can. */
    private static ModuleResult unusableDirectory(Target target, String chdir) throws IOException {
        String path = ShellQuote.quote(chdir);
        String errno = target.run("[ -e " + path + " ] || { echo 2; exit 0; }; [ -d " + path + " ] || { echo 20; exit 0; }; "
                + "cd " + path + " 2>/dev/null || echo 13").out().strip();
        String why = switch (errno) {
            case "2" -> "[Errno 2] No such file or directory";
            case "20" -> "[Errno 20] Not a directory";
            case "13" -> "[Errno 13] Permission denied";
            default -> null;
        };
        if (why == null) {
            return null;
        }
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        for (String empty : List.of("cmd", "rc", "start", "end", "delta")) {
            fields.put(empty, null);
        }
        return ModuleResult.builder().changed(false).putAll(fields).put("stdout", "").put("stderr", "")
                .put("failed", true).msg("Unable to change directory before execution: " + why + ": b'"
                        + chdir.replace("\\", "\\\\").replace("'", "\\'") + "'")
                .build();
    }

    /** creates/removes take globs, as in Ansible; the shell expands them on the host (from {@code in}: a cd, or nothing). */
    private static boolean exists(Target target, String in, String pattern) throws IOException {
        String test = in + "for p in " + globbable(pattern) + "; do [ -e \"$p\" ] || [ -L \"$p\" ] && exit 0; done; exit 1";
        return target.run(test).ok();
    }

    private static String globbable(String pattern) {
        // Quote everything but the glob characters, so only the pattern expands.
        StringBuilder out = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']') {
                if (literal.length() > 0) {
                    out.append(ShellQuote.quote(literal.toString()));
                    literal.setLength(0);
                }
                out.append(c);
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            out.append(ShellQuote.quote(literal.toString()));
        }
        return out.toString();
    }

    static ModuleResult checkMode(Object cmdField, boolean guarded) {
        ModuleResult.Builder result = ModuleResult.builder().msg("Command would have run if not in check mode")
                .put("rc", 0).put("cmd", cmdField);
        if (!guarded) {
            result.put("skipped", true).changed(false);
        } else {
            result.changed(true);
        }
        return result.build();
    }

    /** Runs {@code commandLine} (already a complete sh command) and reports like Ansible's command module. */
    static ModuleResult execute(Target target, String commandLine, Object cmdField, String chdir, String stdin,
                                boolean stdinNewline, boolean stripEnds) throws IOException {
        String line = chdir == null ? commandLine : "cd " + ShellQuote.quote(chdir) + " && " + commandLine;
        byte[] input = stdin == null ? new byte[0]
                : (stdinNewline && !stdin.endsWith("\n") ? stdin + "\n" : stdin).getBytes(StandardCharsets.UTF_8);
        LocalDateTime start = LocalDateTime.now();
        CommandResult ran = target.run(line, input);
        LocalDateTime end = LocalDateTime.now();
        String stdout = ran.out();
        String stderr = ran.err();
        if (stripEnds) {
            stdout = stripEnd(stdout);
            stderr = stripEnd(stderr);
        }
        ModuleResult.Builder result = ModuleResult.builder().changed(true)
                .put("cmd", cmdField)
                .put("rc", ran.exitCode())
                .put("stdout", stdout)
                .put("stderr", stderr)
                .put("stdout_lines", lines(stdout))
                .put("stderr_lines", lines(stderr))
                .put("start", STAMP.format(start))
                .put("end", STAMP.format(end))
                .put("delta", delta(Duration.between(start, end)))
                .msg("");
        if (ran.exitCode() != 0) {
            result.put("failed", true).msg("non-zero return code");
        }
        return result.build();
    }

    static String stripEnd(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }

    static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(text.split("\r?\n", -1));
    }

    private static String delta(Duration d) {
        long micros = d.toNanos() / 1000;
        return String.format("%d:%02d:%02d.%06d", micros / 3_600_000_000L, micros / 60_000_000 % 60, micros / 1_000_000 % 60,
                micros % 1_000_000);
    }
}
