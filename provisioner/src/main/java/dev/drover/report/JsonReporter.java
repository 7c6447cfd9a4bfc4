package dev.drover.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same JSON document Ansible's {@code json} stdout callback prints at the end of a run
 * (plays → tasks → hosts → result, then stats), so that tools reading one read the other.
 * Chosen with DROVER_STDOUT_CALLBACK=json or ANSIBLE_STDOUT_CALLBACK=json.
 */
public final class JsonReporter implements RunListener {

    private static final String HIDDEN = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

    private final PrintStream out;
    private final List<Map<String, Object>> plays = new ArrayList<>();
    private List<Map<String, Object>> tasks;
    private Map<String, Object> hosts;

    public JsonReporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void playStarted(String name) {
        tasks = new ArrayList<>();
        Map<String, Object> play = new LinkedHashMap<>();
        play.put("play", Map.of("name", name));
        play.put("tasks", tasks);
        plays.add(play);
    }

    @Override
    public synchronized void taskStarted(String banner, String name, String location) {
        hosts = new LinkedHashMap<>();
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("hosts", hosts);
        task.put("task", Map.of("name", name));
        tasks.add(task);
    }

    @Override
    public synchronized void hostResult(HostOutcome o) {
        if (o.item() != null) {
            return; // items are reported through loopFinished, inside "results", as Ansible does
        }
        hosts.put(o.host(), withStatus(o));
    }

    @Override
    public synchronized void loopFinished(HostOutcome o) {
        hosts.put(o.host(), withStatus(o));
    }

    private static Map<String, Object> withStatus(HostOutcome o) {
        Map<String, Object> result = new LinkedHashMap<>();
        o.result().forEach((k, v) -> {
            if (!k.startsWith("_drover")) {
                result.put(k, v);
            }
        });
        if (o.hidden()) {
            // As Ansible's json callback: no fields, and no per-item results (their items are secrets too).
            result.keySet().retainAll(List.of("changed", "failed", "skipped", "unreachable"));
            result.put("censored", HIDDEN);
        }
        result.put("_ansible_no_log", o.hidden());
        switch (o.status()) {
            case FAILED, RESCUED -> result.put("failed", true);
            // An ignored failure's result says failed itself; an ignored unreachable host's says
            // unreachable (its loop's, neither), as in Ansible's.
            case IGNORED -> {
            }
            case SKIPPED -> result.put("skipped", true);
            case UNREACHABLE -> result.put("unreachable", true);
            default -> {
            }
        }
        return result;
    }

    @Override
    public void noHostsMatched(String pattern) {
    }

    @Override
    public void warning(String message) {
    }

    @Override
    public synchronized void recap(List<HostStats> stats) {
        Map<String, Object> byHost = new LinkedHashMap<>();
        for (HostStats s : stats) {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("changed", s.changed());
            counts.put("failures", s.failed());
            counts.put("ignored", s.ignored());
            counts.put("ok", s.ok());
            counts.put("rescued", s.rescued());
            counts.put("skipped", s.skipped());
            counts.put("unreachable", s.unreachable());
            byHost.put(s.host(), counts);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("custom_stats", Map.of());
        document.put("global_custom_stats", Map.of());
        document.put("plays", plays);
        document.put("stats", byHost);
        out.println(ResultJson.indented(document));
        out.flush();
    }
}
