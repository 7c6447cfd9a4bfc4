package dev.drover.report;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's default output: PLAY and TASK banners, a line per host, unified diffs with
 * --diff, and the PLAY RECAP. Results are shown for failures, debug, and with -v.
 */
public final class ConsoleReporter implements RunListener {

    private static final int WIDTH = 80;
    private static final String HIDDEN = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";
    /** Internal and bulky fields Ansible leaves out of the one-line result. */
    private static final Set<String> NOT_SHOWN = Set.of("diff", "_ansible_no_log", "invocation", "_ansible_verbose_always", "warnings");

    private final PrintStream out;
    private final int verbosity;
    private final boolean showDiff;
    private final boolean color;

    public ConsoleReporter(PrintStream out, int verbosity, boolean showDiff, boolean color) {
        this.out = out;
        this.verbosity = verbosity;
        this.showDiff = showDiff;
        this.color = color;
    }

    @Override
    public synchronized void playStarted(String name) {
        banner("PLAY [" + name + "]");
    }

    @Override
    public synchronized void taskStarted(String banner, String name, String location) {
        banner(banner + " [" + name + "]");
        if (verbosity >= 2 && location != null) {
            out.println("task path: " + location);
        }
    }

    @Override
    public synchronized void hostResult(HostOutcome o) {
        if (showDiff && !o.hidden()) {
            printDiffs(o.result());
        }
        String host = o.delegateTo() == null ? "[" + o.host() + "]" : "[" + o.host() + " -> " + o.delegateTo() + "]";
        String item = o.item() == null ? "" : " => (item=" + (o.hidden() ? "None" : o.item()) + ")";
        Map<String, Object> shown = shownResult(o);
        if (!o.hidden() && o.result().get("warnings") instanceof List<?> warnings) {
            warnings.forEach(w -> line(Ansi.MAGENTA, "[WARNING]: " + w));
        }
        if (o.status() == Status.OK && o.result().containsKey("include_args")) {
            return; // an include's result: "included: FILE for HOSTS" says it, include_role says nothing, as in Ansible
        }
        switch (o.status()) {
            case OK -> line(Ansi.GREEN, "ok: " + host + item + detail(o, shown, o.result().containsKey("msg") && isDebug(o)));
            case CHANGED -> line(Ansi.YELLOW, "changed: " + host + item + detail(o, shown, false));
            case SKIPPED -> line(Ansi.CYAN, "skipping: " + host + item + (verbosity > 0 ? " => " + ResultJson.oneLine(shown) : ""));
            case UNREACHABLE -> line(Ansi.RED, (o.item() == null ? "fatal: " + host + ": UNREACHABLE! => "
                    : "failed: " + host + " (item=" + (o.hidden() ? "None" : o.item()) + ") => ") + ResultJson.oneLine(shown));
            case FAILED, IGNORED -> {
                String what = o.item() != null ? "failed: " + host + " (item=" + (o.hidden() ? "None" : o.item()) + ") => "
                        : unreachable(o) ? "fatal: " + host + ": UNREACHABLE! => " : "fatal: " + host + ": FAILED! => ";
                line(Ansi.RED, what + ResultJson.oneLine(shown));
                if (o.status() == Status.IGNORED) {
                    line(Ansi.CYAN, "...ignoring");
                }
            }
            case RESCUED -> line(Ansi.RED, "fatal: " + host + ": FAILED! => " + ResultJson.oneLine(shown));
            default -> throw new IllegalStateException("unexpected status " + o.status());
        }
    }

    @Override
    public synchronized void included(String file, List<String> hosts, String item) {
        line(Ansi.CYAN, "included: " + file + " for " + String.join(", ", hosts) + (item == null ? "" : " => (item=" + item + ")"));
    }

    /** As Ansible's default callback: a line per look at a job, so a long async task shows it is alive. */
    @Override
    public synchronized void asyncPolled(String host, String jid, String state) {
        String line = "ASYNC " + state + " on " + host + ": jid=" + jid + (state.equals("POLL") ? " started=1 finished=0" : "");
        line(state.equals("FAILED") ? Ansi.RED : state.equals("OK") ? Ansi.GREEN : Ansi.CYAN, line);
    }

    @Override
    public synchronized void loopFinished(HostOutcome o) {
        boolean failed = Boolean.TRUE.equals(o.result().get("failed"));
        if (o.status() == Status.UNREACHABLE || o.status() == Status.IGNORED && !failed) {
            line(Ansi.RED, "fatal: [" + o.host() + "]: UNREACHABLE! => " + ResultJson.oneLine(Map.of("changed",
                    o.result().getOrDefault("changed", false), "msg", o.result().getOrDefault("msg", ""))));
        } else if (failed) {
            line(Ansi.RED, "fatal: [" + o.host() + "]: FAILED! => " + ResultJson.oneLine(Map.of("changed", o.result().getOrDefault("changed", false),
                    "msg", "One or more items failed")));
        }
        if (o.status() == Status.IGNORED) {
            line(Ansi.CYAN, "...ignoring");
        }
    }

    /** Whether a result is an unreachable host's (under ignore_unreachable it is shown as ignored). */
    private static boolean unreachable(HostOutcome o) {
        return Boolean.TRUE.equals(o.result().get("unreachable"));
    }

    @Override
    public synchronized void noHostsMatched(String pattern) {
        line(Ansi.CYAN, "skipping: no hosts matched");
    }

    @Override
    public synchronized void warning(String message) {
        line(Ansi.MAGENTA, "[WARNING]: " + message);
    }

    @Override
    public synchronized void recap(List<HostStats> stats) {
        banner("PLAY RECAP");
        for (HostStats s : stats) {
            Ansi hostColor = s.failed() > 0 || s.unreachable() > 0 ? Ansi.RED : s.changed() > 0 ? Ansi.YELLOW : Ansi.GREEN;
            out.println(paint(hostColor, String.format("%-26s", s.host())) + " : "
                    + field("ok", s.ok(), Ansi.GREEN) + field("changed", s.changed(), Ansi.YELLOW)
                    + field("unreachable", s.unreachable(), Ansi.RED) + field("failed", s.failed(), Ansi.RED)
                    + field("skipped", s.skipped(), Ansi.CYAN) + field("rescued", s.rescued(), Ansi.MAGENTA)
                    + field("ignored", s.ignored(), Ansi.MAGENTA));
        }
        out.println();
        out.flush();
    }

    private String field(String name, int count, Ansi when) {
        String text = String.format("%-4s", count);
        String cell = name + "=" + text + " ";
        return count > 0 ? paint(when, cell) : cell;
    }

    private static boolean isDebug(HostOutcome o) {
        return Boolean.TRUE.equals(o.result().get("_drover_debug"));
    }

    private Map<String, Object> shownResult(HostOutcome o) {
        if (o.hidden()) {
            return Map.of("censored", HIDDEN, "changed", o.result().getOrDefault("changed", false));
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        o.result().forEach((k, v) -> {
            if (!NOT_SHOWN.contains(k) && !k.startsWith("_drover")) {
                shown.put(k, v);
            }
        });
        return shown;
    }

    /** debug results always show; other ok/changed results only with -v. */
    private String detail(HostOutcome o, Map<String, Object> shown, boolean ignored) {
        if (Boolean.TRUE.equals(o.result().get("_drover_debug"))) {
            Map<String, Object> debugShown = new LinkedHashMap<>(shown);
            debugShown.remove("changed");
            return " => " + ResultJson.indented(debugShown);
        }
        return verbosity > 0 ? " => " + ResultJson.oneLine(shown) : "";
    }

    private void printDiffs(Map<String, Object> result) {
        Object diff = result.get("diff");
        List<?> diffs = diff instanceof List<?> list ? list : diff == null ? List.of() : List.of(diff);
        for (Object one : diffs) {
            if (one instanceof Map<?, ?> d && d.get("prepared") != null) {
                // a diff the module wrote itself (nomad_job's plan), printed as it is, as Ansible does
                out.println(String.valueOf(d.get("prepared")).stripTrailing());
                out.println();
            } else if (one instanceof Map<?, ?> d) {
                String text = UnifiedDiff.of(header(d.get("before_header"), "before"), asText(d.get("before")),
                        header(d.get("after_header"), "after"), asText(d.get("after")));
                if (!text.isEmpty()) {
                    for (String l : text.split("\n")) {
                        out.println(l.startsWith("+") && !l.startsWith("+++") ? paint(Ansi.GREEN, l)
                                : l.startsWith("-") && !l.startsWith("---") ? paint(Ansi.RED, l)
                                : l.startsWith("@@") ? paint(Ansi.CYAN, l) : l);
                    }
                    out.println();
                }
            }
        }
    }

    private static String header(Object given, String fallback) {
        return given == null ? fallback : String.valueOf(given);
    }

    private static String asText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map || value instanceof List) {
            return ResultJson.indented(value) + "\n";
        }
        return String.valueOf(value);
    }

    private void banner(String title) {
        String text = title + " ";
        out.println();
        out.println(text + "*".repeat(Math.max(3, WIDTH - text.length())));
    }

    private void line(Ansi ansi, String text) {
        out.println(paint(ansi, text));
    }

    private String paint(Ansi ansi, String text) {
        return color ? ansi.code + text + Ansi.RESET.code : text;
    }

    private enum Ansi {
        GREEN("\u001b[0;32m"), YELLOW("\u001b[0;33m"), RED("\u001b[0;31m"), CYAN("\u001b[0;36m"),
        MAGENTA("\u001b[0;35m"), RESET("\u001b[0m");

        private final String code;

        Ansi(String code) {
            this.code = code;
        }
    }
}
