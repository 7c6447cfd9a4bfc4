package dev.drover.exec;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.modules.ArgumentError;
import dev.drover.modules.HostSession;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleRegistry;
import dev.drover.modules.ModuleResult;
import dev.drover.playbook.Task;
import dev.drover.report.HostOutcome;
import dev.drover.report.ResultJson;
import dev.drover.report.RunListener;
import dev.drover.report.Status;
import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import dev.drover.transport.Become;
import dev.drover.transport.BecomeRefused;
import dev.drover.transport.Connection;
import dev.drover.transport.Target;
import dev.drover.transport.TracingConnection;
import dev.drover.transport.UnreachableError;
import dev.drover.vars.LayeredVars;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one task on one host: evaluates when, expands the loop, templates the arguments,
 * runs the module through the host's connection, applies changed_when / failed_when /
 * until, registers the result, notifies handlers, counts and reports.
 */
final class TaskRunner {


    private final ModuleRegistry modules;
    private final Templar templar;
    private final RunOptions options;
    private final Connections connections;
    private final RunListener listener;
    /** Every host's state by name: delegate_facts hands facts to the delegate's state. */
    private final Map<String, HostState> states;
    /** The run's async jobs. */
    private final AsyncJobs jobs;

    TaskRunner(ModuleRegistry modules, Templar templar, RunOptions options, Connections connections, RunListener listener,
               Map<String, HostState> states, AsyncJobs jobs) {
        this.modules = modules;
        this.templar = templar;
        this.options = options;
        this.connections = connections;
        this.listener = listener;
        this.states = states;
        this.jobs = jobs;
    }

    /** The same runner reporting to another listener (the free strategy holds each host's events back). */
    TaskRunner reportingTo(RunListener other) {
        return new TaskRunner(modules, templar, options, connections, other, states, jobs);
    }

    /** Runs {@code task} on {@code host}, reporting as it goes; the outcome is what the recap and register see. */
    TaskOutcome run(Task task, HostState host, PlayScope scope) {
        LayeredVars vars = scope.taskVars(host, task);
        TaskFiles files = new TaskFiles(task, scope.playbookDir());
        TemplateScope templates = new TemplateScope(vars, files.searchPaths(), "task '" + task.displayName() + "'");
        boolean hidden = isTrue(task.noLog(), templates, false);
        TracingConnection.noLogForThisThread(hidden);
        TaskOutcome outcome;
        try {
            if (task.loop() != null) {
                outcome = runLoop(task, host, vars, files, hidden);
            } else {
                String falseCondition = firstFalse(task.when(), templates);
                if (falseCondition != null) {
                    outcome = skipped(falseCondition);
                } else {
                    outcome = ignoring(task, templates, runOnce(task, host, vars, files));
                }
                report(host, task, outcome, null, hidden);
            }
        } catch (UserError e) {
            outcome = ignoring(task, templates, new TaskOutcome(Status.FAILED, failure(task, e.getMessage())));
            report(host, task, outcome, null, hidden);
        }
        record(task, host, outcome);
        TracingConnection.noLogForThisThread(false);
        return outcome;
    }

    private TaskOutcome runLoop(Task task, HostState host, LayeredVars vars, TaskFiles files, boolean hidden) {
        TemplateScope templates = new TemplateScope(vars, files.searchPaths(), "task '" + task.displayName() + "'");
        List<Object> items = LoopItems.resolve(task, templar, templates);
        if (items.isEmpty()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("changed", false);
            result.put("skipped", true);
            result.put("skipped_reason", "No items in the list");
            result.put("results", List.of());
            TaskOutcome outcome = new TaskOutcome(Status.SKIPPED, result);
            report(host, task, outcome, null, hidden);
            return outcome;
        }
        List<Object> results = new ArrayList<>();
        boolean changed = false;
        boolean failed = false;
        boolean allSkipped = true;
        boolean unreachable = false;
        String loopVar = task.loopControl().loopVar();
        for (int index = 0; index < items.size(); index++) {
            Object item = items.get(index);
            Map<String, Object> itemVars = new LinkedHashMap<>();
            itemVars.put(loopVar, item);
            itemVars.put("ansible_loop_var", loopVar);
            if (task.loopControl().indexVar() != null) {
                itemVars.put(task.loopControl().indexVar(), index);
            }
            if (task.loopControl().extended()) {
                itemVars.put("ansible_loop", loopInfo(items, index));
            }
            LayeredVars withItem = vars.with(itemVars);
            TemplateScope itemScope = new TemplateScope(withItem, files.searchPaths(), "task '" + task.displayName() + "'");
            TaskOutcome one;
            try {
                String falseCondition = firstFalse(task.when(), itemScope);
                one = falseCondition != null ? skipped(falseCondition) : runOnce(task, host, withItem, files);
            } catch (UserError e) {
                one = new TaskOutcome(Status.FAILED, failure(task, e.getMessage()));
            }
            Map<String, Object> itemResult = new LinkedHashMap<>(one.result());
            // Ansible's results travel as JSON: a tuple item (with_indexed_items, with_subelements) is a list there.
            itemResult.put(loopVar, item instanceof List<?> tuple ? new ArrayList<>(tuple) : item);
            itemResult.put("ansible_loop_var", loopVar);
            if (task.loopControl().indexVar() != null) {
                itemResult.put("ansible_index_var", task.loopControl().indexVar());
                itemResult.put(task.loopControl().indexVar(), index);
            }
            if (task.loopControl().extended()) {
                itemResult.put("ansible_loop", itemVars.get("ansible_loop"));
            }
            if (one.status() == Status.FAILED) {
                itemResult.put("failed", true);
            }
            results.add(itemResult);
            report(host, task, new TaskOutcome(one.status(), itemResult), label(task, itemScope, item), hidden);
            changed |= Boolean.TRUE.equals(itemResult.get("changed"));
            failed |= one.status() == Status.FAILED;
            allSkipped &= one.status() == Status.SKIPPED;
            // As Ansible, the items after an unreachable one are still tried: the host may be back.
            unreachable |= one.status() == Status.UNREACHABLE;
            pause(task.loopControl().pauseSeconds());
        }
        Map<String, Object> aggregate = new LinkedHashMap<>();
        aggregate.put("changed", changed);
        aggregate.put("msg", failed ? "One or more items failed" : "All items completed");
        aggregate.put("results", results);
        if (allSkipped) {
            aggregate.put("skipped", true);
            aggregate.put("msg", "All items skipped");
        }
        if (failed) {
            aggregate.put("failed", true);
        }
        Status status = unreachable ? Status.UNREACHABLE : failed ? Status.FAILED : allSkipped ? Status.SKIPPED
                : changed ? Status.CHANGED : Status.OK;
        TaskOutcome outcome = ignoring(task, templates, new TaskOutcome(status, aggregate));
        listener.loopFinished(new HostOutcome(host.name(), outcome.status(), aggregate, null, hidden, null));
        return outcome;
    }

    private static Map<String, Object> loopInfo(List<Object> items, int index) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("allitems", items);
        info.put("index", index + 1);
        info.put("index0", index);
        info.put("revindex", items.size() - index);
        info.put("revindex0", items.size() - index - 1);
        info.put("first", index == 0);
        info.put("last", index == items.size() - 1);
        info.put("length", items.size());
        if (index > 0) {
            info.put("previtem", items.get(index - 1));
        }
        if (index < items.size() - 1) {
            info.put("nextitem", items.get(index + 1));
        }
        return info;
    }

    private String label(Task task, TemplateScope scope, Object item) {
        Object label = task.loopControl().label();
        Object shown = label == null ? item : templar.render(label, scope);
        return shown instanceof String text ? text : ResultJson.oneLine(shown);
    }

    /** One run of the module (one loop item, or the whole task), with until/retries applied. */
    private TaskOutcome runOnce(Task task, HostState host, LayeredVars vars, TaskFiles files) {
        TemplateScope scope = new TemplateScope(vars, files.searchPaths(), "task '" + task.displayName() + "'");
        Module module = modules.find(task.action())
                .orElseThrow(() -> new UserError("couldn't resolve module/action '" + task.action() + "'", task.location()));
        Map<String, Object> args = withoutOmitted(ModuleDefaults.apply(task.action(), asMap(templar.render(task.args(), scope)),
                task.run().moduleDefaults(), templar, scope));
        Target target;
        String delegate = delegateHost(task, scope, host);
        try {
            target = target(connections, task, host, vars, scope, delegate);
        } catch (UnreachableError e) {
            return unreachable(e);
        }
        boolean check = task.checkMode() == null ? options.check() : isTrue(task.checkMode(), scope, options.check());
        boolean diff = task.diff() == null ? options.diff() : isTrue(task.diff(), scope, options.diff());
        // Only reboot asks the session anything, so nothing here is worked out before it does.
        HostSession session = new HostSession() {
            @Override
            public Target reconnect() throws IOException {
                connections.reset(connectionKey(task, host, scope, delegate));
                return target(connections, task, host, vars, scope, delegate);
            }

            @Override
            public dev.drover.modules.AsyncJobTable asyncJobs() {
                return jobs.on(host.name());
            }

            @Override
            public boolean local() {
                if (delegate == null && isLocal(task, scope)) {
                    return true;
                }
                Map<String, Object> settings = delegate == null ? connectionVars(vars, scope)
                        : Delegation.connectionVars(delegate, task, scope, templar, options, Connections.LOGIN_VARS);
                return "local".equals(String.valueOf(settings.get("ansible_connection")));
            }
        };
        ModuleContext context = new ModuleContext(target, check, diff, files, new TaskTemplates(templar, scope), session);

        int timeout = task.run().timeout() == null ? 0
                : Integer.parseInt(String.valueOf(templar.render(task.run().timeout(), scope)).strip());
        String connectionHost = connectionKey(task, host, scope, delegate);
        AsyncSpec async = AsyncSpec.of(task, templar, scope, options.environment());
        int attempts = 0;
        int retries = task.retry().enabled() ? Integer.parseInt(String.valueOf(templar.render(task.retry().retries(), scope))) : 0;
        while (true) {
            attempts++;
            ModuleResult result;
            try {
                ModuleArgs checked = module.spec() == null ? ModuleArgs.unchecked(args)
                        : ModuleArgs.validate(task.action(), module.spec(), args);
                result = async.enabled()
                        ? runAsync(async, task, host, module, checked, context, own -> target(own, task, host, vars, scope, delegate))
                        : TaskTimeout.run(timeout, task.action(), () -> module.run(checked, context),
                                () -> connections.reset(connectionHost));
            } catch (ArgumentError | BecomeRefused e) {
                result = ModuleResult.failed(e.getMessage());
            } catch (UnreachableError e) {
                connections.reset(connectionHost);
                return unreachable(e);
            } catch (IOException e) {
                result = ModuleResult.failed("error talking to the host: " + e.getMessage());
            }
            Map<String, Object> fields = new LinkedHashMap<>(result.fields());
            if (task.action().equals("debug")) {
                fields.put("_drover_debug", true);
            }
            applyConditions(task, vars, files, fields);
            if (!task.retry().enabled()) {
                return outcomeOf(fields, delegate);
            }
            fields.put("attempts", attempts);
            if (retries <= 0) {
                return outcomeOf(fields, delegate); // Ansible runs once and does not look at until then
            }
            LayeredVars withResult = task.register() == null ? vars : vars.with(Map.of(task.register(), fields));
            TemplateScope resultScope = new TemplateScope(withResult, files.searchPaths(), scope.where());
            if (firstFalse(task.retry().until(), resultScope) == null) {
                return outcomeOf(fields, delegate);
            }
            if (attempts > retries) {
                // retries: N runs the task N+1 times, and then reports N attempts, as Ansible 2.14 does
                fields.put("attempts", retries);
                fields.put("failed", true);
                return outcomeOf(fields, delegate);
            }
            pause(Double.parseDouble(String.valueOf(templar.render(task.retry().delay(), scope))));
        }
    }

    /** Opens the task's target on an async job's own connections. */
    private interface JobTarget {
        Target open(Connections own) throws UnreachableError;
    }

    /**
     * {@code async: N}: the module runs as a job on a connection of its own, stopped after N
     * seconds. With poll, the task waits for it and shows its result; with {@code poll: 0} it
     * returns the job's id at once, for async_status.
     */
    private ModuleResult runAsync(AsyncSpec async, Task task, HostState host, Module module, ModuleArgs checked,
                                  ModuleContext context, JobTarget jobTarget) throws IOException {
        if (context.checkMode()) {
            return ModuleResult.failed("check mode and async cannot be used on same task.");
        }
        if (!AsyncSpec.supports(task.action())) {
            return ModuleResult.failed("async is not supported for this task.");
        }
        Connections own = new Connections(options);
        ModuleContext jobContext;
        try {
            jobContext = new ModuleContext(jobTarget.open(own), false, context.diffMode(), context.files(), context.templates(),
                    context.session());
        } catch (UnreachableError e) {
            own.close();
            throw e;
        }
        String jid = jobs.start(host.name(), "'" + task.displayName() + "'", async.seconds(), own,
                () -> jobResult(module, checked, jobContext));
        if (async.poll() == 0) {
            // As Ansible: a job left running counts as a change; async_status later shows what it did.
            return ModuleResult.builder().changed(true).put("ansible_job_id", jid).put("started", 1).put("finished", 0).build();
        }
        Map<String, Object> done;
        try {
            Optional<Map<String, Object>> looked = jobs.await(jid, async.poll());
            while (looked.isEmpty()) {
                listener.asyncPolled(host.name(), jid, "POLL");
                looked = jobs.await(jid, async.poll());
            }
            done = looked.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the async job", e);
        }
        listener.asyncPolled(host.name(), jid, Boolean.TRUE.equals(done.get("failed")) ? "FAILED" : "OK");
        if (AsyncJobs.limitMessage(async.seconds()).equals(done.get("msg"))) {
            Map<String, Object> lastLook = Map.of("ansible_job_id", jid, "started", 1, "finished", 0, "stdout", "", "stderr", "");
            return ModuleResult.builder().changed(false).put("failed", true)
                    .msg("async task did not complete within the requested time - " + async.seconds() + "s")
                    .put("async_result", lastLook).build();
        }
        return ModuleResult.builder().putAll(done).put("ansible_job_id", jid).put("started", 1).put("finished", 1).build();
    }

    /** What an async job ends with: the module's result, or its failure in the words a task would have. */
    private static Map<String, Object> jobResult(Module module, ModuleArgs checked, ModuleContext context) {
        ModuleResult result;
        try {
            result = module.run(checked, context);
        } catch (ArgumentError | BecomeRefused e) {
            result = ModuleResult.failed(e.getMessage());
        } catch (UnreachableError e) {
            result = ModuleResult.failed(e.getMessage());
        } catch (IOException e) {
            result = ModuleResult.failed("error talking to the host: " + e.getMessage());
        }
        return result.fields();
    }

    private TaskOutcome outcomeOf(Map<String, Object> fields, String delegate) {
        if (delegate != null) {
            fields.put("_drover_delegate", delegate);
        }
        if (Boolean.TRUE.equals(fields.get("failed"))) {
            return new TaskOutcome(Status.FAILED, fields);
        }
        if (Boolean.TRUE.equals(fields.get("skipped"))) {
            return new TaskOutcome(Status.SKIPPED, fields);
        }
        return new TaskOutcome(Boolean.TRUE.equals(fields.get("changed")) ? Status.CHANGED : Status.OK, fields);
    }

    /** changed_when and failed_when see the result under the register name, as in Ansible. */
    private void applyConditions(Task task, LayeredVars vars, TaskFiles files, Map<String, Object> fields) {
        if (task.changedWhen() == null && task.failedWhen() == null || Boolean.TRUE.equals(fields.get("skipped"))) {
            return;
        }
        Map<String, Object> registered = new LinkedHashMap<>(fields);
        LayeredVars withResult = task.register() == null ? vars : vars.with(Map.of(task.register(), registered));
        TemplateScope scope = new TemplateScope(withResult, files.searchPaths(), "task '" + task.displayName() + "'");
        if (task.changedWhen() != null) {
            fields.put("changed", firstFalse(task.changedWhen(), scope) == null && !task.changedWhen().isEmpty());
        }
        if (task.failedWhen() != null) {
            boolean failed = firstFalse(task.failedWhen(), scope) == null && !task.failedWhen().isEmpty();
            fields.put("failed_when_result", failed);
            if (failed) {
                fields.put("failed", true);
            } else {
                fields.remove("failed");
            }
        }
    }

    private String delegateHost(Task task, TemplateScope scope, HostState host) {
        if (task.delegateTo() == null) {
            return null;
        }
        String delegate = String.valueOf(templar.render(task.delegateTo(), scope));
        return delegate.equals(host.name()) ? null : delegate;
    }

    /**
     * The name the task's connection is kept under: the host, the delegate, or, for
     * {@code connection: local}, a local connection of the host's own.
     */
    private String connectionKey(Task task, HostState host, TemplateScope scope, String delegate) {
        if (delegate != null) {
            return delegate;
        }
        return isLocal(task, scope) ? "local:" + host.name() : host.name();
    }

    private boolean isLocal(Task task, TemplateScope scope) {
        return task.run().connection() != null && "local".equals(String.valueOf(templar.render(task.run().connection(), scope)));
    }

    /** The task's target: its connection (from {@code from}: the run's, or an async job's own), become and environment. */
    private Target target(Connections from, Task task, HostState host, LayeredVars vars, TemplateScope scope, String delegate)
            throws UnreachableError {
        Connection connection;
        if (delegate == null && isLocal(task, scope)) {
            connection = from.get("local:" + host.name(), Map.of("ansible_connection", "local"));
        } else if (delegate == null) {
            connection = from.get(host.name(), connectionVars(vars, scope));
        } else {
            connection = from.get(delegate, Delegation.connectionVars(delegate, task, scope, templar, options, Connections.LOGIN_VARS));
        }
        boolean become = isTrue(becomeSetting(task.become(), vars, "ansible_become"), scope, false);
        Object user = becomeSetting(task.becomeUser(), vars, "ansible_become_user");
        Object flags = becomeSetting(task.run().becomeFlags(), vars, "ansible_become_flags", "ansible_sudo_flags");
        Become escalation = become
                ? Become.sudo(user == null ? "root" : String.valueOf(templar.render(user, scope)), becomePassword(vars, scope),
                        flags == null ? null : String.valueOf(templar.render(flags, scope)))
                : Become.NONE;
        Map<String, String> environment = new LinkedHashMap<>();
        Object env = templar.render(task.environment(), scope);
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> environment.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        return new Target(connection, escalation, environment);
    }

    /**
     * A become keyword's value as Ansible settles it: a variable for it (from the inventory up
     * to -e) wins over the keyword, even one on the task itself; the keyword wins over the
     * command line's -b and --become-user. Null when none is set.
     */
    private Object becomeSetting(Object keyword, LayeredVars vars, String... variables) {
        for (String name : variables) {
            if (vars.setAbove(name, options.connectionDefaults())) {
                return vars.get(name);
            }
        }
        if (keyword != null) {
            return keyword;
        }
        for (String name : variables) {
            if (vars.get(name) != null) {
                return vars.get(name);
            }
        }
        return null;
    }

    /** The sudo password, from the first of Ansible's variables for it that is set (a vault value is opened here). */
    private Optional<String> becomePassword(LayeredVars vars, TemplateScope scope) {
        for (String name : Become.PASSWORD_VARIABLES) {
            Object value = vars.get(name);
            if (value != null) {
                return Optional.of(String.valueOf(templar.render(value, scope)));
            }
        }
        return Optional.empty();
    }

    private Map<String, Object> connectionVars(LayeredVars vars, TemplateScope scope) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        for (String name : Connections.LOGIN_VARS) {
            Object value = vars.get(name);
            if (value != null) {
                rendered.put(name, templar.render(value, scope));
            }
        }
        return rendered;
    }

    private TaskOutcome unreachable(UnreachableError e) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", false);
        result.put("msg", e.getMessage());
        result.put("unreachable", true);
        return new TaskOutcome(Status.UNREACHABLE, result);
    }

    private TaskOutcome skipped(String falseCondition) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", false);
        result.put("false_condition", falseCondition);
        result.put("skip_reason", "Conditional result was False");
        result.put("skipped", true);
        return new TaskOutcome(Status.SKIPPED, result);
    }

    private static Map<String, Object> failure(Task task, String message) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", false);
        result.put("failed", true);
        result.put("msg", message + appearsIn(task.location()));
        return result;
    }

    private static String appearsIn(SourceLocation location) {
        return location.isKnown() ? "\n\nThe error appears to be in '" + location + "'" : "";
    }

    /** The first condition that is false, or null when all hold. Errors name the condition. */
    private String firstFalse(List<String> conditions, TemplateScope scope) {
        for (String condition : conditions) {
            boolean holds;
            try {
                holds = templar.isTrue(condition, scope);
            } catch (UserError e) {
                throw new UserError("The conditional check '" + condition + "' failed. The error was: " + e.getMessage());
            }
            if (!holds) {
                return condition;
            }
        }
        return null;
    }

    private boolean isTrue(Object value, TemplateScope scope, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        Object rendered = templar.render(value, scope);
        try {
            return ModuleArgs.toBool("keyword", rendered);
        } catch (ArgumentError e) {
            throw new UserError("expected a boolean, got: " + rendered);
        }
    }

    /**
     * A failure under ignore_errors, or an unreachable host under ignore_unreachable, is
     * counted ignored and the host goes on; decided before the result is shown, so that the
     * output says "...ignoring" under it, as Ansible's does.
     */
    private TaskOutcome ignoring(Task task, TemplateScope scope, TaskOutcome outcome) {
        Object keyword = switch (outcome.status()) {
            case FAILED -> task.ignoreErrors();
            case UNREACHABLE -> task.run().ignoreUnreachable();
            default -> null;
        };
        return keyword != null && isTrue(keyword, scope, false) ? new TaskOutcome(Status.IGNORED, outcome.result()) : outcome;
    }

    /** Register, set_fact, notify and the recap counts: what a result leaves behind on the host. */
    private void record(Task task, HostState host, TaskOutcome outcome) {
        Map<String, Object> result = new LinkedHashMap<>();
        outcome.result().forEach((k, v) -> {
            if (!k.startsWith("_drover")) {
                result.put(k, v);
            }
        });
        if (outcome.status() == Status.UNREACHABLE) {
            host.markUnreachable();
            return;
        }
        if (task.register() != null) {
            host.hostVars.put(task.register(), result);
        }
        if (outcome.status() != Status.FAILED && outcome.status() != Status.SKIPPED) {
            // A loop's items each bring their own facts (set_fact, include_vars in a loop); with
            // delegate_facts they belong to the delegate.
            HostState owner = Delegation.factsOwner(task, host, outcome.result(), states);
            List<Object> withFacts = result.get("results") instanceof List<?> items ? new ArrayList<>(items) : List.of(result);
            boolean cacheable = Boolean.TRUE.equals(outcome.result().get(dev.drover.modules.control.SetFact.CACHEABLE));
            for (Object one : withFacts) {
                if (owner != null && one instanceof Map<?, ?> itemResult && !Boolean.TRUE.equals(itemResult.get("failed"))
                        && !Boolean.TRUE.equals(itemResult.get("skipped")) && itemResult.get("ansible_facts") instanceof Map<?, ?> facts) {
                    // As Ansible: set_fact gives variables (and facts too when cacheable), include_vars
                    // variables, every other module facts. (delegate_facts to a host outside the
                    // inventory leaves owner null: there is no hostvars entry to hold them.)
                    boolean variables = task.action().equals("set_fact") || task.action().equals("include_vars");
                    if (!variables || cacheable || Boolean.TRUE.equals(itemResult.get(dev.drover.modules.control.SetFact.CACHEABLE))) {
                        owner.learnFacts(facts);
                    }
                    if (variables) {
                        facts.forEach((k, v) -> owner.hostVars.put(String.valueOf(k), v));
                    }
                }
            }
        }
        boolean changed = Boolean.TRUE.equals(result.get("changed"));
        switch (outcome.status()) {
            case FAILED -> {
                host.fail();
                host.lastFailure(task, result);
            }
            case IGNORED -> host.countIgnored(changed);
            case SKIPPED -> host.countSkipped();
            default -> host.countOk(changed);
        }
        if (changed && outcome.status() != Status.FAILED) {
            host.notified.addAll(task.notifies());
        }
    }

    private void report(HostState host, Task task, TaskOutcome outcome, String item, boolean hidden) {
        Object delegate = outcome.result().get("_drover_delegate");
        listener.hostResult(new HostOutcome(host.name(), outcome.status(), outcome.result(), item, hidden,
                delegate == null ? null : String.valueOf(delegate)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object rendered) {
        return (Map<String, Object>) rendered;
    }

    private static Map<String, Object> withoutOmitted(Map<String, Object> rendered) {
        Map<String, Object> args = new LinkedHashMap<>();
        rendered.forEach((k, v) -> {
            if (!Templar.OMIT_TOKEN.equals(v)) {
                args.put(k, v);
            }
        });
        return args;
    }

    private static void pause(double seconds) {
        if (seconds <= 0) {
            return;
        }
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
