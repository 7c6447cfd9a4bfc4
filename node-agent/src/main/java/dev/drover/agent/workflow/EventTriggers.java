package dev.drover.agent.workflow;

import dev.drover.agent.checks.FileRun;
import dev.drover.agent.checks.RunListener;
import dev.drover.agent.power.PowerEvent;
import dev.drover.agent.power.PowerListener;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the workflows whose {@code on:} matches an event: a check file turning red (its run
 * fails after a healthy one, or its first run fails) or a node answering after a wake. The run
 * gets the event's {@code check_file} or {@code node} as inputs when the workflow declares them.
 */
public final class EventTriggers implements RunListener, PowerListener {

    private static final Logger LOG = LoggerFactory.getLogger(EventTriggers.class);

    private final WorkflowEngine engine;
    private final Map<Path, Boolean> healthy = new ConcurrentHashMap<>();

    public EventTriggers(WorkflowEngine engine) {
        this.engine = engine;
    }

    @Override
    public void finished(FileRun run) {
        Boolean before = healthy.put(run.file(), run.healthy());
        if (run.healthy() || Boolean.FALSE.equals(before)) {
            return; // still green, or red already: only the turn to red starts runs
        }
        String base = run.file().getFileName().toString();
        for (WorkflowDefinition workflow : engine.catalog().all()) {
            if (matches(workflow.on().checkFailed(), run.file().toString(), base, base.replaceFirst("\\.ya?ml$", ""))) {
                start(workflow, "check_file", base, "check_failed: " + base);
            }
        }
    }

    @Override
    public void event(PowerEvent event) {
        if (!event.action().equals("woke") || !event.result().equals("ok")) {
            return;
        }
        for (WorkflowDefinition workflow : engine.catalog().all()) {
            if (matches(workflow.on().nodeWoke(), event.node())) {
                start(workflow, "node", event.node(), "node_woke: " + event.node());
            }
        }
    }

    private static boolean matches(List<String> patterns, String... names) {
        for (String pattern : patterns) {
            if (pattern.equals("*") || List.of(names).contains(pattern)) {
                return true;
            }
        }
        return false;
    }

    private void start(WorkflowDefinition workflow, String input, String value, String why) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        if (workflow.inputs().containsKey(input)) {
            inputs.put(input, value);
        }
        try {
            engine.start(workflow.name(), inputs, "event", why);
        } catch (RuntimeException e) {
            LOG.error("{} did not start {}: {}", why, workflow.name(), e.getMessage());
        }
    }
}
