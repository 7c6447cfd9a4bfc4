package dev.drover.agent.web;

import dev.drover.agent.workflow.RunStatus;
import dev.drover.agent.workflow.llm.CircuitBreaker;
import dev.drover.agent.workflow.StepStatus;
import dev.drover.agent.workflow.WorkflowListener;
import java.time.Duration;

import dev.drover.agent.checks.FileRun;
import dev.drover.agent.checks.RunListener;
import dev.drover.agent.power.NodeState;
import dev.drover.agent.power.NodeStatus;
import dev.drover.agent.power.PowerEvent;
import dev.drover.agent.power.PowerListener;
import java.util.List;
import dev.drover.checks.CheckResult;
import dev.drover.checks.Outcome;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What /metrics shows: every check's verdict and duration, each file's health and run time,
 * power events, workflow runs and steps, the JVM, and the HTTP requests served. Its own registry, so two agents in one JVM (tests)
 * never share a counter.
 */
public final class AgentMetrics implements RunListener, PowerListener, WorkflowListener {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    private final Gauge checkPassed = Gauge.builder().name("drover_check_passed")
            .help("1 when the property passed (or was skipped), 0 when it failed or warned")
            .labelNames("file", "type", "id", "property", "outcome").register(registry);
    private final Gauge checkDuration = Gauge.builder().name("drover_check_duration_seconds")
            .help("How long the property's check took in the latest run")
            .labelNames("file", "type", "id", "property").register(registry);
    private final Gauge fileHealthy = Gauge.builder().name("drover_check_file_healthy")
            .help("1 when the file's latest run had no failure").labelNames("file").register(registry);
    private final Gauge fileDuration = Gauge.builder().name("drover_check_file_duration_seconds")
            .help("How long the file's latest run took").labelNames("file").register(registry);
    private final Counter fileRuns = Counter.builder().name("drover_check_file_runs_total")
            .help("Runs of the file since the agent started").labelNames("file", "healthy").register(registry);
    private final Counter httpRequests = Counter.builder().name("drover_http_requests_total")
            .help("HTTP requests served").labelNames("method", "route", "status").register(registry);
    private final Histogram httpDuration = Histogram.builder().name("drover_http_request_duration_seconds")
            .help("Time to serve an HTTP request").labelNames("method", "route")
            .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
            .register(registry);

    private final Counter powerEvents = Counter.builder().name("drover_power_events_total")
            .help("Power events (wake, sleep, would-sleep, woke) by cause (api, idle, schedule, sleep-on-lan, probe, resume)")
            .labelNames("action", "cause").register(registry);
    private final Histogram wakeSeconds = Histogram.builder().name("drover_power_wake_seconds")
            .help("Time from the magic packets to the woken node answering")
            .classicUpperBounds(1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300)
            .register(registry);
    private final Histogram placementSeconds = Histogram.builder().name("drover_power_placement_seconds")
            .help("Wake on demand: time from waking nodes for a blocked Nomad job to an allocation of it running")
            .classicUpperBounds(1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600)
            .register(registry);
    private final Histogram serviceStartSeconds = Histogram.builder().name("drover_power_service_start_seconds")
            .help("Service idle policy: time from the first connection to an idle-stopped job's port to the job being healthy")
            .classicUpperBounds(0.5, 1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300)
            .register(registry);
    private final Gauge nodeState = Gauge.builder().name("drover_power_node_state")
            .help("1 for the node's current power state (awake, asleep, waking, unreachable), 0 for the others")
            .labelNames("node", "state").register(registry);

    private final Counter workflowRuns = Counter.builder().name("drover_workflow_runs_total")
            .help("Workflow runs ended, by workflow and status (succeeded, failed, cancelled)")
            .labelNames("workflow", "status").register(registry);
    private final Gauge workflowRunsGoing = Gauge.builder().name("drover_workflow_runs_running")
            .help("Workflow runs going now (working or waiting), by workflow").labelNames("workflow").register(registry);
    private final Histogram workflowRunSeconds = Histogram.builder().name("drover_workflow_run_duration_seconds")
            .help("Time from a run's start to its end, by workflow").labelNames("workflow")
            .classicUpperBounds(0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 1800, 3600, 4 * 3600, 24 * 3600)
            .register(registry);
    private final Counter workflowSteps = Counter.builder().name("drover_workflow_steps_total")
            .help("Workflow steps (and for_each items) ended after their retries, by workflow, step type and status (done, failed)")
            .labelNames("workflow", "type", "status").register(registry);
    private final Histogram workflowStepSeconds = Histogram.builder().name("drover_workflow_step_duration_seconds")
            .help("Time a step (or for_each item) took, retries included, by step type").labelNames("type")
            .classicUpperBounds(0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600)
            .register(registry);

    private final Gauge breakerState = Gauge.builder().name("drover_workflow_breaker_state")
            .help("1 for each circuit breaker's current state (closed, open, half-open), 0 for the others, by endpoint")
            .labelNames("endpoint", "state").register(registry);
    private final Gauge breakerFailures = Gauge.builder().name("drover_workflow_breaker_consecutive_failures")
            .help("Failures in a row of a circuit breaker's endpoint (the breaker opens at its threshold)")
            .labelNames("endpoint").register(registry);

    public AgentMetrics() {
        JvmMetrics.builder().register(registry);
    }

    @Override
    public void finished(FileRun run) {
        String file = run.file().toString();
        for (CheckResult r : run.report().results()) {
            // A verdict that changed leaves its old outcome label behind; drop every other one.
            for (Outcome other : Outcome.values()) {
                if (other != r.outcome()) {
                    checkPassed.remove(file, r.type(), r.id(), r.property(), label(other));
                }
            }
            boolean passed = r.outcome() == Outcome.PASS || r.outcome() == Outcome.SKIP;
            checkPassed.labelValues(file, r.type(), r.id(), r.property(), label(r.outcome())).set(passed ? 1 : 0);
            double seconds = r.duration() == null ? 0 : r.duration().toNanos() / 1e9;
            checkDuration.labelValues(file, r.type(), r.id(), r.property()).set(seconds);
        }
        fileHealthy.labelValues(file).set(run.healthy() ? 1 : 0);
        fileDuration.labelValues(file).set(run.report().duration().toNanos() / 1e9);
        fileRuns.labelValues(file, String.valueOf(run.healthy())).inc();
    }

    @Override
    public void event(PowerEvent event) {
        // "blocked-eval JOB" counts as blocked-eval: one label value per job name would grow /metrics without end.
        String cause = event.cause().startsWith("blocked-eval") ? "blocked-eval" : event.cause();
        powerEvents.labelValues(event.action(), cause).inc();
        Histogram durations = event.action().equals("placed") ? placementSeconds
                : event.cause().equals("service-idle") ? serviceStartSeconds : wakeSeconds;
        if (event.ok()) {
            event.wakeDuration().ifPresent(d -> durations.observe(d.toMillis() / 1000.0));
        }
    }

    @Override
    public void states(List<NodeStatus> nodes) {
        for (NodeStatus node : nodes) {
            for (NodeState state : NodeState.values()) {
                nodeState.labelValues(node.name(), state.label()).set(node.state() == state ? 1 : 0);
            }
        }
    }

    @Override
    public void runGoing(String workflow) {
        workflowRunsGoing.labelValues(workflow).inc();
    }

    @Override
    public void runEnded(String workflow, RunStatus status, Duration took) {
        workflowRunsGoing.labelValues(workflow).dec();
        workflowRuns.labelValues(workflow, status.label()).inc();
        workflowRunSeconds.labelValues(workflow).observe(took.toMillis() / 1000.0);
    }

    @Override
    public void stepEnded(String workflow, String type, StepStatus status, Duration took) {
        workflowSteps.labelValues(workflow, type, status.label()).inc();
        workflowStepSeconds.labelValues(type).observe(took.toMillis() / 1000.0);
    }

    /** The circuit breakers as they are now; set just before each scrape (they change without events). */
    void breakers(List<CircuitBreaker.Snapshot> breakers) {
        for (CircuitBreaker.Snapshot breaker : breakers) {
            for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
                breakerState.labelValues(breaker.endpoint(), stateLabel(state)).set(breaker.state() == state ? 1 : 0);
            }
            breakerFailures.labelValues(breaker.endpoint()).set(breaker.consecutiveFailures());
        }
    }

    private static String stateLabel(CircuitBreaker.State state) {
        return state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    void request(String method, String route, int status, long nanos) {
        httpRequests.labelValues(method, route, String.valueOf(status)).inc();
        httpDuration.labelValues(method, route).observe(nanos / 1e9);
    }

    String contentType() {
        return writer.getContentType();
    }

    String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String label(Outcome outcome) {
        return outcome.name().toLowerCase(java.util.Locale.ROOT);
    }
}
