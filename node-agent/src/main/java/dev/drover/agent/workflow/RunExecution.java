package dev.drover.agent.workflow;

import dev.drover.template.TemplateScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run in progress: which steps are where, and the rule that moves it on. Whenever
 * anything changes, {@link #advance} starts every step whose needs are all settled. Every
 * change of a step is stored before the run moves on, under this object's lock, so a step
 * that needs another can only start after the other's end is on disk.
 */
final class RunExecution {

    private static final Logger LOG = LoggerFactory.getLogger(RunExecution.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final WorkflowEngine engine;
    final String id;
    final WorkflowDefinition workflow;
    private final Map<String, Object> inputs;
    private final String who;
    private final Map<String, StepRecord> steps = new LinkedHashMap<>();
    private final Map<String, TreeMap<Integer, StepRecord>> items = new HashMap<>();
    private final Map<String, List<Object>> itemValues = new HashMap<>();
    /** Attempts in flight and retries waiting for their backoff, by step (and item). */
    private final Map<Key, Future<?>> running = new HashMap<>();
    private final Set<Key> timedOut = new HashSet<>();
    private final Instant createdAt;
    private boolean cancelled;
    private boolean finished;

    private record Key(String step, int item) {
    }

    /**
     * Takes up a stored run: finished steps stay as they are; a step the last agent left
     * running or waiting starts again (its type may find its earlier work in its memory).
     */
    RunExecution(WorkflowEngine engine, RunRecord record, WorkflowDefinition workflow) {
        this.engine = engine;
        this.id = record.id();
        this.workflow = workflow;
        this.inputs = record.inputs();
        this.who = record.who();
        this.createdAt = record.createdAt();
        for (StepDefinition step : workflow.steps()) {
            steps.put(step.id(), StepRecord.pending(step.id(), -1));
        }
        for (StepRecord stored : record.steps()) {
            StepRecord taken = stored.status() == StepStatus.RUNNING || stored.status() == StepStatus.WAITING
                    ? stored.with(StepStatus.PENDING) : stored;
            if (!steps.containsKey(stored.stepId())) {
                continue;
            }
            if (stored.item() < 0) {
                steps.put(stored.stepId(), taken);
            } else {
                items.computeIfAbsent(stored.stepId(), k -> new TreeMap<>()).put(stored.item(), taken);
            }
        }
        java.util.Set<String> stored = new java.util.HashSet<>();
        record.steps().forEach(s -> stored.add(s.stepId()));
        for (StepRecord step : steps.values()) {
            if (!stored.contains(step.stepId())) {
                engine.store().save(id, step); // so that the run view shows every step from the start
            }
        }
    }

    synchronized void advance() {
        if (finished) {
            return;
        }
        boolean changed = true;
        while (changed && !cancelled) {
            changed = false;
            for (StepDefinition step : workflow.steps()) {
                if (steps.get(step.id()).status() == StepStatus.PENDING && startable(step)) {
                    start(step);
                    changed = true;
                }
            }
        }
        if (running.isEmpty() && steps.values().stream().noneMatch(s -> s.status() == StepStatus.RUNNING
                || s.status() == StepStatus.WAITING)) {
            finish();
        }
    }

    private boolean startable(StepDefinition step) {
        if (step.fallbackOnly()) {
            return workflow.steps().stream().anyMatch(s -> step.id().equals(s.onFailure().fallback())
                    && steps.get(s.id()).status() == StepStatus.FAILED);
        }
        return step.needs().stream().allMatch(this::settled);
    }

    /** A need its dependants may go on from: done, skipped, or failed where the workflow said that is fine. */
    private boolean settled(String id) {
        StepStatus status = steps.get(id).status();
        return status == StepStatus.DONE || status == StepStatus.SKIPPED || status == StepStatus.FAILED && handled(id);
    }

    private boolean handled(String id) {
        StepDefinition step = workflow.step(id).orElseThrow();
        return switch (step.onFailure().kind()) {
            case FAIL -> false;
            case CONTINUE -> true;
            case FALLBACK -> {
                StepStatus fallback = steps.get(step.onFailure().fallback()).status();
                yield fallback == StepStatus.DONE || fallback == StepStatus.SKIPPED
                        || fallback == StepStatus.FAILED && handled(step.onFailure().fallback());
            }
        };
    }

    private void start(StepDefinition step) {
        StepRecord current = steps.get(step.id());
        if (step.when().isPresent()) {
            boolean run;
            try {
                run = engine.templar().isTrue(step.when().get(), scopeOf(null, -1, null));
            } catch (RuntimeException e) {
                save(step.id(), ended(current, StepStatus.FAILED, Map.of(), "when: " + e.getMessage(), current.log()));
                return;
            }
            if (!run) {
                save(step.id(), ended(current, StepStatus.SKIPPED, Map.of(), null, "skipped: when was false\n"));
                return;
            }
        }
        if (step.forEach().isPresent()) {
            startItems(step, current);
        } else {
            launch(step, -1);
        }
    }

    private void startItems(StepDefinition step, StepRecord current) {
        Object list;
        try {
            list = engine.templar().render(step.forEach().get(), scopeOf(null, -1, null));
        } catch (RuntimeException e) {
            save(step.id(), ended(current, StepStatus.FAILED, Map.of(), "for_each: " + e.getMessage(), current.log()));
            return;
        }
        if (!(list instanceof List<?> values)) {
            save(step.id(), ended(current, StepStatus.FAILED, Map.of(), "for_each gave " + list + ", not a list", current.log()));
            return;
        }
        itemValues.put(step.id(), new ArrayList<>(values));
        TreeMap<Integer, StepRecord> mine = items.computeIfAbsent(step.id(), k -> new TreeMap<>());
        mine.keySet().removeIf(i -> i >= values.size());
        for (int i = 0; i < values.size(); i++) {
            mine.putIfAbsent(i, StepRecord.pending(step.id(), i));
        }
        // The items go into the step's detail while it runs, so the page and the API can name an
        // item by its value ("lab2") rather than its index; once gathered they are in its outputs.
        save(step.id(), new StepRecord(step.id(), -1, StepStatus.RUNNING, current.attempts(), Map.of(), null, current.log(),
                current.startedAt() == null ? Instant.now() : current.startedAt(), null, Map.of("items", Values.plain(values))));
        fillItems(step);
    }

    /** Starts pending items up to the step's concurrency; gathers the results once every item has ended. */
    private void fillItems(StepDefinition step) {
        TreeMap<Integer, StepRecord> mine = items.get(step.id());
        long busy = mine.values().stream().filter(r -> r.status() == StepStatus.RUNNING || r.status() == StepStatus.WAITING).count();
        for (StepRecord item : List.copyOf(mine.values())) {
            if (busy >= step.concurrency() || cancelled) {
                break;
            }
            if (item.status() == StepStatus.PENDING) {
                launch(step, item.item());
                busy++;
            }
        }
        if (mine.values().stream().allMatch(r -> r.status().finished())) {
            gather(step, mine);
        }
    }

    private void gather(StepDefinition step, TreeMap<Integer, StepRecord> mine) {
        List<Object> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (StepRecord item : mine.values()) {
            results.add(item.outputs());
            if (item.status() == StepStatus.FAILED) {
                failures.add("item " + item.item() + ": " + item.error());
            }
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("results", results);
        outputs.put("items", itemValues.getOrDefault(step.id(), List.of()));
        StepRecord current = steps.get(step.id());
        save(step.id(), ended(current, failures.isEmpty() ? StepStatus.DONE : StepStatus.FAILED, outputs,
                failures.isEmpty() ? null : failures.size() + " of " + mine.size() + " items failed: " + String.join("; ", failures),
                current.log()));
    }

    private void launch(StepDefinition step, int item) {
        Key key = new Key(step.id(), item);
        StepRecord current = record(key);
        int attempt = current.attempts() + 1;
        save(key, new StepRecord(step.id(), item, StepStatus.RUNNING, attempt, Map.of(), null, current.log(),
                current.startedAt() == null ? Instant.now() : current.startedAt(), null, Map.of()));
        StepType type = engine.types().named(step.type()).orElseThrow();
        Map<String, Object> scope = scope(item < 0 ? null : itemValues.get(step.id()).get(item), item, null);
        Future<?> future = engine.executorFor(type).submit(() -> attempt(step, type, key, attempt, scope));
        running.put(key, future);
        step.timeout().ifPresent(limit -> engine.timer().schedule(() -> expire(key, future), limit.toMillis(), TimeUnit.MILLISECONDS));
    }

    private synchronized void expire(Key key, Future<?> future) {
        if (running.get(key) == future) {
            timedOut.add(key);
            future.cancel(true);
        }
    }

    /** One attempt, on a worker thread, outside the lock: the step's work may take hours. */
    private void attempt(StepDefinition step, StepType type, Key key, int attempt, Map<String, Object> vars) {
        StepCall call = null;
        StepResult result;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> args = (Map<String, Object>) Values.plain(engine.templar().render(step.args(), scope(vars)));
            call = new StepCall(id, step.id(), key.item(), attempt, args, step.timeout(), memory(key), who, workflow.file());
            result = type.run(call);
            if (result.ok() && !step.outputs().isEmpty()) {
                Map<String, Object> withResult = new LinkedHashMap<>(vars);
                withResult.put("result", result.outputs());
                Map<String, Object> outputs = new LinkedHashMap<>(result.outputs());
                outputs.putAll(Values.map(engine.templar().render(step.outputs(), scope(withResult))));
                result = StepResult.ok(outputs);
            }
        } catch (InterruptedException e) {
            result = StepResult.failed("interrupted", Map.of());
        } catch (Exception e) {
            result = StepResult.failed(e.getMessage() == null ? e.toString() : e.getMessage(), Map.of());
        }
        ended(step, key, attempt, result, call == null ? "" : call.logText());
    }

    private synchronized void ended(StepDefinition step, Key key, int attempt, StepResult result, String log) {
        if (engine.closing()) {
            return; // The agent is stopping: the step stays running in the store and starts again on resume.
        }
        if (running.get(key) == null) {
            return; // Cancelled meanwhile; already recorded.
        }
        running.remove(key);
        boolean expired = timedOut.remove(key);
        StepRecord current = record(key);
        String error = expired ? "timed out after " + words(step.timeout().orElseThrow()) : result.error();
        String fullLog = current.log() + (step.retries() > 0 ? "-- attempt " + attempt + "\n" : "") + log
                + (error == null ? "" : "error: " + error + "\n");
        if (result.ok() && !expired) {
            save(key, ended(current, StepStatus.DONE, result.outputs(), null, fullLog));
            told(step, StepStatus.DONE, current);
        } else if (attempt <= step.retries() && !cancelled) {
            Duration delay = backoff(step.backoff(), attempt);
            save(key, new StepRecord(step.id(), key.item(), StepStatus.RUNNING, attempt, result.outputs(), error, fullLog,
                    current.startedAt(), null, Map.of()));
            running.put(key, engine.timer().schedule(() -> retry(step, key), delay.toMillis(), TimeUnit.MILLISECONDS));
        } else {
            save(key, ended(current, StepStatus.FAILED, result.outputs(), error, fullLog));
            told(step, StepStatus.FAILED, current);
        }
        if (key.item() >= 0 && !running.containsKey(key)) {
            fillItems(step);
        }
        advance();
    }

    private void told(StepDefinition step, StepStatus status, StepRecord began) {
        Duration took = began.startedAt() == null ? Duration.ZERO : Duration.between(began.startedAt(), Instant.now());
        engine.tell(l -> l.stepEnded(workflow.name(), step.type(), status, took));
    }

    String workflowName() {
        return workflow.name();
    }

    private synchronized void retry(StepDefinition step, Key key) {
        if (running.remove(key) != null && !cancelled && !engine.closing()) {
            launch(step, key.item());
        }
    }

    private static String words(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    static Duration backoff(Duration first, int attempt) {
        Duration delay = first.multipliedBy(1L << Math.min(20, attempt - 1));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    /** Stops the run: attempts in flight are interrupted, and no step starts any more. */
    synchronized void cancel() {
        if (finished) {
            return;
        }
        cancelled = true;
        for (Map.Entry<Key, Future<?>> entry : Map.copyOf(running).entrySet()) {
            entry.getValue().cancel(true);
            StepRecord current = record(entry.getKey());
            save(entry.getKey(), ended(current, StepStatus.CANCELLED, current.outputs(), "cancelled", current.log()));
        }
        running.clear();
        for (StepRecord step : List.copyOf(steps.values())) {
            if (step.status() == StepStatus.RUNNING || step.status() == StepStatus.WAITING) {
                save(step.stepId(), ended(step, StepStatus.CANCELLED, step.outputs(), "cancelled", step.log()));
            }
        }
        finish();
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        RunStatus status;
        String error = null;
        if (cancelled) {
            status = RunStatus.CANCELLED;
        } else {
            Optional<StepRecord> failed = steps.values().stream()
                    .filter(s -> s.status() == StepStatus.FAILED && !handled(s.stepId())).findFirst();
            status = failed.isPresent() ? RunStatus.FAILED : RunStatus.SUCCEEDED;
            error = failed.map(s -> "step " + s.stepId() + " failed: " + s.error()).orElse(null);
            if (failed.isEmpty()) {
                for (StepDefinition step : workflow.steps()) {
                    if (step.fallbackOnly() && steps.get(step.id()).status() == StepStatus.PENDING) {
                        save(step.id(), ended(steps.get(step.id()), StepStatus.SKIPPED, Map.of(), null, "not needed: nothing failed\n"));
                    }
                }
            }
        }
        engine.store().finish(id, status, error);
        RunStatus ended = status;
        Duration took = Duration.between(createdAt, Instant.now());
        engine.tell(l -> l.runEnded(workflow.name(), ended, took));
        LOG.info("run {} of {} {}{}", id, workflow.name(), status.label(), error == null ? "" : ": " + error);
        engine.finished(this);
    }

    private static StepRecord ended(StepRecord current, StepStatus status, Map<String, Object> outputs, String error, String log) {
        return new StepRecord(current.stepId(), current.item(), status, current.attempts(), outputs, error, log,
                current.startedAt() == null ? Instant.now() : current.startedAt(), Instant.now(), Map.of());
    }

    private StepRecord record(Key key) {
        return key.item() < 0 ? steps.get(key.step()) : items.get(key.step()).get(key.item());
    }

    private void save(String stepId, StepRecord record) {
        save(new Key(stepId, -1), record);
    }

    private void save(Key key, StepRecord record) {
        engine.store().save(id, record);
        if (key.item() < 0) {
            steps.put(key.step(), record);
        } else {
            items.get(key.step()).put(key.item(), record);
        }
        engine.changed(id);
    }

    private synchronized void waiting(Key key, Map<String, Object> detail) {
        StepRecord current = record(key);
        if (current.status() == StepStatus.RUNNING && running.containsKey(key)) {
            save(key, new StepRecord(current.stepId(), current.item(), StepStatus.WAITING, current.attempts(), current.outputs(),
                    null, current.log(), current.startedAt(), null, detail));
        }
    }

    private StepCall.StepMemory memory(Key key) {
        return new StepCall.StepMemory() {
            @Override
            public Optional<String> read(String name) {
                return engine.store().remembered(id, key.step(), key.item(), name);
            }

            @Override
            public void write(String name, String value) {
                engine.store().remember(id, key.step(), key.item(), name, value);
            }

            @Override
            public void waiting(Map<String, Object> detail) {
                RunExecution.this.waiting(key, detail);
            }
        };
    }

    /** What templates see: inputs, every step's status and outputs, this run, and the for_each item. */
    private synchronized Map<String, Object> scope(Object item, int index, Map<String, Object> result) {
        Map<String, Object> stepViews = new LinkedHashMap<>();
        steps.forEach((stepId, record) -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("status", record.status().label());
            view.put("outputs", record.outputs());
            view.put("error", record.error());
            stepViews.put(stepId, view);
        });
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("inputs", inputs);
        vars.put("steps", stepViews);
        vars.put("run", Map.of("id", id, "workflow", workflow.name()));
        if (index >= 0) {
            vars.put("item", item);
            vars.put("index", index);
        }
        if (result != null) {
            vars.put("result", result);
        }
        return vars;
    }

    private TemplateScope scope(Map<String, Object> vars) {
        return new TemplateScope(vars, List.of(), "run " + id);
    }

    private TemplateScope scopeOf(Object item, int index, Map<String, Object> result) {
        return scope(scope(item, index, result));
    }
}
