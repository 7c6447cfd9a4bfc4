package dev.drover.exec;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.inventory.HostPattern;
import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryLoader;
import dev.drover.inventory.VarsDirectory;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleRegistry;
import dev.drover.playbook.Block;
import dev.drover.playbook.Include;
import dev.drover.playbook.Play;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskItem;
import dev.drover.report.HostStats;
import dev.drover.report.RunListener;
import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs a playbook against an inventory with Ansible's linear strategy: each task runs on
 * every host of the play at once (up to --forks), and the next task starts when all have
 * finished. Handlers run after each section, or at meta: flush_handlers.
 */
public final class Executor {

    private final ModuleRegistry modules;
    private final Templar templar;
    private final RunOptions options;
    private final RunListener listener;
    private final TagFilter tags;
    private final RunControl control;

    public Executor(ModuleRegistry modules, Templar templar, RunOptions options, RunListener listener) {
        this(modules, templar, options, listener, RunControl.none());
    }

    /** @param control --start-at-task, and the run record that --resume carries on with */
    public Executor(ModuleRegistry modules, Templar templar, RunOptions options, RunListener listener, RunControl control) {
        this.modules = modules;
        this.templar = templar;
        this.options = options;
        this.listener = listener;
        this.tags = new TagFilter(options.tags(), options.skipTags());
        this.control = control;
    }

    public RunResult run(Playbook playbook, InventoryLoader.Loaded loaded) {
        Inventory inventory = loaded.inventory();
        if (options.limit() != null && !options.limit().isBlank()
                && new HostPattern(options.limit()).select(inventory).isEmpty()) {
            throw new UserError("Specified --limit does not match any hosts: " + options.limit(), SourceLocation.UNKNOWN,
                    "hosts in the inventory: " + String.join(", ", inventory.hostsIn(Inventory.ALL)));
        }
        Map<String, HostState> states = new LinkedHashMap<>();
        inventory.hosts().forEach(h -> states.put(h.name(), new HostState(h)));
        List<String> touched = new ArrayList<>();
        int threads = Math.max(1, options.forks() > 0 ? options.forks() : inventory.hosts().size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "drover-host");
            thread.setDaemon(true);
            return thread;
        });
        InventoryUpdates updates = new InventoryUpdates();
        try (Connections connections = new Connections(options); AsyncJobs jobs = new AsyncJobs()) {
            TaskRunner runner = new TaskRunner(modules, templar, options, connections, listener, states, jobs);
            plays:
            for (int index = 0; index < playbook.plays().size(); index++) {
                Play declared = playbook.plays().get(index);
                Play play = declared.withPromptedVars(PlayPrompts.answers(declared.varsPrompts(), options.extraVars(),
                        templar, System.console()));
                // add_host and group_by of earlier plays: the hosts and groups this play can select.
                Inventory current = updates.applyTo(inventory);
                current.hosts().forEach(h -> states.putIfAbsent(h.name(), new HostState(h)));
                List<VarsDirectory> dirs = new ArrayList<>();
                loaded.varsBases().forEach(base -> dirs.add(VarsDirectory.load(base, current)));
                dirs.add(VarsDirectory.load(play.baseDir(), current));
                List<String> selected = selectHosts(play, current);
                // The play's order decides which hosts go first; its host variables keep the inventory's order, as Ansible's.
                List<String> ordered = HostOrder.of(templar.render(play.order(), TemplateScope.of(options.extraVars())),
                        play.location()).apply(selected);
                Object serial = templar.render(play.serial(), TemplateScope.of(options.extraVars()));
                List<List<String>> batches = selected.isEmpty() ? List.of(List.of())
                        : HostBatches.of(serial, ordered, play.location()).batches();
                PlayPlan plan = new PlayPlan(index, play, new TaskIds(index, play), selected);
                for (List<String> batch : batches) {
                    PlayRun run = new PlayRun(plan, batch, current, dirs, states, runner, connections, pool, loaded,
                            touched, updates);
                    if (!run.run()) {
                        break plays; // Ansible ends the playbook when a whole batch failed or failures were fatal
                    }
                    if (run.endedPlay) {
                        break; // meta: end_play ends the play's later batches too; end_batch only its own
                    }
                }
            }
            // Ansible's jobs live on in files on the host; drover's end with the run, and it says so.
            jobs.running().forEach(job -> listener.warning("the async job " + job
                    + " was still running when the playbook ended; it is stopped (wait for it with async_status)"));
        } finally {
            pool.shutdownNow();
        }
        List<HostStats> stats = new ArrayList<>();
        for (String host : states.keySet()) {
            if (touched.contains(host)) {
                stats.add(states.get(host).stats());
            }
        }
        String startAtProblem = control.startAtProblem();
        if (startAtProblem != null) {
            listener.warning(startAtProblem);
        }
        listener.recap(stats);
        return new RunResult(stats);
    }

    /** A play's hosts: its pattern, narrowed by --limit. */
    private List<String> selectHosts(Play play, Inventory inventory) {
        List<String> unmatched = new ArrayList<>();
        List<String> selected = new HostPattern(play.hosts()).select(inventory, unmatched);
        unmatched.forEach(term -> listener.warning("Could not match supplied host pattern, ignoring: " + term));
        if (options.limit() != null && !options.limit().isBlank()) {
            List<String> limited = new HostPattern(options.limit()).select(inventory);
            selected = selected.stream().filter(limited::contains).toList();
        }
        return selected;
    }

    /**
     * What all batches of one play share: its place in the playbook, its tasks' stable names,
     * all its hosts, and where --start-at-task makes it begin (-1: from the top; MAX: it runs
     * no task at all, the start task being in a later play).
     */
    private final class PlayPlan {
        final int index;
        final Play play;
        final TaskIds ids;
        final List<String> allHosts;
        /** Each host's place in the inventory's order, to put a batch back in it. */
        final Map<String, Integer> inventoryPlace = new java.util.HashMap<>();
        final int startOrder;
        final Throttles throttles = new Throttles();

        PlayPlan(int index, Play play, TaskIds ids, List<String> allHosts) {
            this.index = index;
            this.play = play;
            this.ids = ids;
            this.allHosts = List.copyOf(allHosts);
            for (int i = 0; i < this.allHosts.size(); i++) {
                inventoryPlace.put(this.allHosts.get(i), i);
            }
            this.startOrder = startOrder(ids);
        }

        private int startOrder(TaskIds ids) {
            StartAtTask start = control.startAt();
            if (start.started()) {
                return -1;
            }
            for (Task task : ids.inOrder()) {
                if (tags.runs(task.tags()) && start.matches(task)) {
                    start.markStarted();
                    return ids.order(task);
                }
            }
            return Integer.MAX_VALUE;
        }

        /** Whether --start-at-task passes over this task (never a handler). */
        boolean beforeStart(Task task) {
            int order = ids.order(task);
            return startOrder == Integer.MAX_VALUE || order >= 0 && order < startOrder;
        }
    }

    /** One batch of a play on its hosts (the whole play, when there is no serial). */
    private final class PlayRun {
        private final PlayPlan plan;
        private final List<String> batch;
        private final Play play;
        private final Inventory inventory;
        private final List<VarsDirectory> dirs;
        private final Map<String, HostState> states;
        private final TaskRunner runner;
        private final Connections connections;
        private final ExecutorService pool;
        private final InventoryLoader.Loaded loaded;
        private final List<String> touched;
        private final InventoryUpdates updates;
        private final RunListener listener;
        /** Handler flushes each host has been through: part of a handler's name in the run record. */
        private final Map<String, Integer> flushes;
        private List<HostState> hosts;
        private PlayScope scope;
        private DynamicIncludes includes;
        /** Set when failures were fatal (any_errors_fatal, run_once, max_fail_percentage): no later batch or play runs. */
        private volatile boolean stopPlaybook;
        /** Set by meta: end_play: the play's later batches do not run (the next play does). */
        private volatile boolean endedPlay;

        PlayRun(PlayPlan plan, List<String> batch, Inventory inventory, List<VarsDirectory> dirs,
                Map<String, HostState> states, TaskRunner runner, Connections connections, ExecutorService pool,
                InventoryLoader.Loaded loaded, List<String> touched, InventoryUpdates updates) {
            this.plan = plan;
            this.batch = batch;
            this.play = plan.play;
            this.listener = Executor.this.listener;
            this.flushes = new java.util.concurrent.ConcurrentHashMap<>();
            this.inventory = inventory;
            this.dirs = dirs;
            this.states = states;
            this.runner = runner;
            this.connections = connections;
            this.pool = pool;
            this.loaded = loaded;
            this.touched = touched;
            this.updates = updates;
        }

        /** The same batch, reporting to {@code other}: one host's view under the free strategy. */
        private PlayRun(PlayRun shared, RunListener other) {
            this.plan = shared.plan;
            this.batch = shared.batch;
            this.play = shared.play;
            this.inventory = shared.inventory;
            this.dirs = shared.dirs;
            this.states = shared.states;
            this.runner = shared.runner.reportingTo(other);
            this.connections = shared.connections;
            this.pool = shared.pool;
            this.loaded = shared.loaded;
            this.touched = shared.touched;
            this.listener = other;
            this.flushes = shared.flushes;
            this.hosts = shared.hosts;
            this.scope = shared.scope;
            this.updates = shared.updates;
            this.includes = shared.includes;
        }

        /** Runs the batch; false when the playbook must stop here. */
        boolean run() {
            listener.playStarted(play.name());
            hosts = new ArrayList<>();
            for (String name : batch) {
                HostState state = states.get(name);
                if (!state.isFailed() && !state.isUnreachable()) {
                    state.startPlay();
                    hosts.add(state);
                    if (!touched.contains(name)) {
                        touched.add(name);
                    }
                }
            }
            if (hosts.isEmpty()) {
                listener.noHostsMatched(play.hosts());
                return true;
            }
            HandlerNames.checkNotifyTargets(play);
            List<String> names = hosts.stream().map(HostState::name)
                    .sorted(java.util.Comparator.comparingInt(plan.inventoryPlace::get)).toList(); // the inventory's order
            Path inventoryDir = loaded.varsBases().isEmpty() ? null : loaded.varsBases().get(0);
            Map<String, Object> magic = PlayScope.playMagic(inventory, play, options, names, inventoryDir,
                    new HostvarsView(inventory, dirs, states));
            // As in Ansible: play_hosts and ansible_play_batch are this batch, ansible_play_hosts
            // every host of the play still standing, ansible_play_hosts_all every host of the play.
            magic.put("ansible_play_hosts", plan.allHosts.stream()
                    .filter(h -> !states.get(h).isFailed() && !states.get(h).isUnreachable()).toList());
            magic.put("ansible_play_hosts_all", plan.allHosts);
            scope = new PlayScope(inventory, dirs, play, PlayVarsFiles.load(play, options.extraVars(), templar, magic), options, magic);
            includes = new DynamicIncludes(runner, scope, tags, listener, templar, new DynamicIncludes.PlaySteps() {
                public void runItems(List<TaskItem> items, List<HostState> on, String banner) {
                    PlayRun.this.runItems(items, on, banner);
                }

                public void eachHost(List<HostState> on, Consumer<HostState> work) {
                    parallel(on, work);
                }
            });
            if (plan.startOrder != Integer.MAX_VALUE) {
                gather(); // plays before --start-at-task's task gather no facts
            }
            runSection(play.preTasks());
            runSection(concat(play.roleTasks(), play.tasks()));
            runSection(play.postTasks());
            long failedHere = hosts.stream().filter(h -> h.isFailed() || h.isUnreachable()).count();
            return !stopPlaybook && failedHere < batch.size();
        }

        private boolean freeStrategy() {
            // The play's, else ANSIBLE_STRATEGY (or strategy in ansible.cfg), else linear.
            Object strategy = play.strategy() != null ? templar.render(play.strategy(), TemplateScope.of(options.extraVars()))
                    : options.environment().get("ANSIBLE_STRATEGY");
            if (strategy == null || strategy.equals("linear") || strategy.equals("ansible.builtin.linear")) {
                return false;
            }
            // host_pinned is free with each host kept by one worker until it is done: drover's free
            // strategy walks each host on one thread already, so they are the same here.
            if (strategy.equals("free") || strategy.equals("ansible.builtin.free") || strategy.equals("host_pinned")
                    || strategy.equals("ansible.builtin.host_pinned")) {
                return true;
            }
            throw new UserError("Invalid play strategy specified: " + strategy, play.location(),
                    "Drover has the linear (default), free and host_pinned strategies");
        }

        /** The play's implicit fact gathering: the "Gathering Facts" task on the hosts that gather. */
        private void gather() {
            FactGathering facts = new FactGathering(play, templar, options, connections, scope);
            List<HostState> runnable = hosts.stream().filter(HostState::canRun).filter(facts::wanted).toList();
            if (runnable.isEmpty()) {
                return;
            }
            listener.taskStarted("TASK", "Gathering Facts", null);
            parallel(runnable, host -> listener.hostResult(facts.gather(host, syntheticTask("Gathering Facts", play.run()))));
        }

        private void runSection(List<TaskItem> items) {
            if (!freeStrategy()) {
                runItems(items, hosts);
                flushHandlers(hosts, forceHandlers());
                return;
            }
            // free: each host walks the section on its own, handlers included, reporting a
            // task at a time so that hosts' results do not mix.
            parallel(hosts, host -> {
                HostEventBuffer events = new HostEventBuffer(listener);
                PlayRun own = new PlayRun(this, events);
                try {
                    own.runItems(items, List.of(host));
                    own.flushHandlers(List.of(host), forceHandlers());
                } finally {
                    events.flush();
                }
            });
        }

        private void runItems(List<TaskItem> items, List<HostState> on) {
            runItems(items, on, "TASK");
        }

        /** @param banner "TASK", or "RUNNING HANDLER" for the tasks an include that is a handler brought in */
        private void runItems(List<TaskItem> items, List<HostState> on, String banner) {
            for (TaskItem item : items) {
                if (on.stream().noneMatch(HostState::canRun)) {
                    return;
                }
                if (item instanceof Task task) {
                    runTask(task, on, banner);
                } else if (item instanceof Include include) {
                    includes.run(include, on, banner);
                } else {
                    runBlock((Block) item, on, banner);
                }
            }
        }

        /** block/rescue/always: a failure in the block sends the host to rescue; always runs either way. */
        private void runBlock(Block block, List<HostState> on, String banner) {
            List<HostState> entered = on.stream().filter(HostState::canRun).toList();
            boolean rescuable = !block.rescue().isEmpty();
            entered.forEach(h -> h.enterBlock(rescuable));
            try {
                runItems(block.tasks(), entered, banner);
            } finally {
                List<HostState> failedInBlock = new ArrayList<>();
                for (HostState host : entered) {
                    if (host.leaveBlock()) {
                        failedInBlock.add(host);
                    }
                }
                if (rescuable && !failedInBlock.isEmpty()) {
                    failedInBlock.forEach(HostState::countRescued);
                    runItems(block.rescue(), failedInBlock, banner);
                }
            }
            if (!block.always().isEmpty()) {
                List<HostState> always = entered.stream().filter(h -> !h.isUnreachable()).toList();
                List<HostState> revived = new ArrayList<>();
                for (HostState host : always) {
                    if (host.isFailed()) {
                        host.clearErrors();
                        revived.add(host);
                    }
                }
                // A failure an outer block's rescue caught waits until this always section ran.
                Map<HostState, Object> paused = new LinkedHashMap<>();
                for (HostState host : always) {
                    Object token = host.pauseBlockFailure();
                    if (token != null) {
                        paused.put(host, token);
                    }
                }
                runItems(block.always(), always, banner);
                paused.forEach(HostState::resumeBlockFailure);
                // A host that failed in the block without a rescue stays failed after always.
                revived.forEach(HostState::failAgain);
            }
        }

        private void runTask(Task task, List<HostState> on, String banner) {
            runTask(task, on, banner, HostState::canRun);
        }

        /** @param runs which of {@code on} run it: those still standing, or for forced handlers failed ones too */
        private void runTask(Task task, List<HostState> on, String banner, java.util.function.Predicate<HostState> runs) {
            if (!tags.runs(task.tags())) {
                return;
            }
            boolean handler = banner.equals("RUNNING HANDLER");
            if (!handler && plan.beforeStart(task)) {
                return;
            }
            List<HostState> runnable = on.stream().filter(runs).toList();
            runnable = control.gate().pending(task, runnable, h -> recordId(task, h, handler));
            if (runnable.isEmpty()) {
                return;
            }
            if (task.action().equals("meta")) {
                listener.taskStarted(banner, displayName(task, runnable.get(0)), task.location().toString());
                meta(task, runnable);
                return;
            }
            listener.taskStarted(banner, displayName(task, runnable.get(0)), task.location().toString());
            if (InventoryUpdates.handles(task)) {
                updates.run(task, runnable, runner, scope);
                return;
            }
            boolean once = task.runOnce() != null && isTrue(task.runOnce(), runnable.get(0), task);
            if (once && freeStrategy()) {
                once = false;
                listener.warning("Using run_once with the free strategy is not currently supported. This task will still be"
                        + " executed for every host in the inventory list.");
            }
            if (once) {
                RunOnce.run(task, runnable, h -> {
                    TaskOutcome outcome = runner.run(task, h, scope);
                    control.gate().finished(task, h, recordId(task, h, handler), outcome);
                    return outcome;
                }, (h, outcome) -> control.gate().finished(task, h, recordId(task, h, handler), outcome));
            } else {
                Object throttle = task.run().throttle();
                int limit = throttle == null ? 0 : wholeNumber("throttle", render(throttle, runnable.get(0), task), task);
                parallel(runnable, host -> plan.throttles.run(task, limit, () -> {
                    TaskOutcome outcome = runner.run(task, host, scope);
                    control.gate().finished(task, host, recordId(task, host, handler), outcome);
                }));
            }
            if (!freeStrategy()) {
                applyFailurePolicy(task, runnable, once);
            }
        }

        /** The task's name in the run record; a handler's includes how many flushes the host has been through. */
        private String recordId(Task task, HostState host, boolean handler) {
            String id = plan.ids.of(task);
            return id == null || !handler ? id : id + "@" + flushes.getOrDefault(host.name(), 0);
        }

        /** any_errors_fatal (run_once implies it) and max_fail_percentage, after a task ran on {@code ran}. */
        private void applyFailurePolicy(Task task, List<HostState> ran, boolean once) {
            HostState first = ran.get(0);
            boolean ignored = task.ignoreErrors() != null && isTrue(task.ignoreErrors(), first, task);
            boolean fatal = !ignored && (once || task.run().anyErrorsFatal() != null && isTrue(task.run().anyErrorsFatal(), first, task));
            if (fatal && ran.stream().anyMatch(h -> h.isFailed() || h.isUnreachable())) {
                hosts.forEach(HostState::end);
                stopPlaybook = true;
                return;
            }
            long failed = hosts.stream().filter(HostState::isFailed).count();
            if (FailurePolicy.exceedsMaxFail(play.maxFailPercentage(), (int) failed, batch.size(), play.location())) {
                hosts.forEach(HostState::end);
                stopPlaybook = true;
            }
        }

        private int wholeNumber(String keyword, Object value, Task task) {
            try {
                return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).strip());
            } catch (NumberFormatException e) {
                throw new UserError("Failed to convert the " + keyword + " value to an integer: " + value, task.location(), null);
            }
        }

        private Object render(Object value, HostState host, Task task) {
            return templar.render(value, new TemplateScope(scope.taskVars(host, task), List.of(), task.displayName()));
        }

        /** The task's name as the banner shows it: templated, as Ansible does, or as written when it cannot be. */
        private String displayName(Task task, HostState host) {
            String shown = task.displayName();
            if (task.name() == null || !Templar.hasTemplate(task.name())) {
                return shown;
            }
            try {
                TemplateScope templateScope = new TemplateScope(scope.taskVars(host, task), List.of(), task.displayName());
                String name = String.valueOf(templar.render(task.name(), templateScope));
                return task.role() == null ? name : task.role().name() + " : " + name;
            } catch (RuntimeException e) {
                return shown;
            }
        }

        private boolean isTrue(Object value, HostState host, Task task) {
            TemplateScope templateScope = new TemplateScope(scope.taskVars(host, task), List.of(), task.displayName());
            return ModuleArgs.toBool("run_once", templar.render(value, templateScope));
        }

        private void meta(Task task, List<HostState> runnable) {
            String action = String.valueOf(task.args().getOrDefault("_raw_params", "")).strip();
            List<HostState> applies = new ArrayList<>();
            for (HostState host : runnable) {
                TemplateScope templateScope = new TemplateScope(scope.taskVars(host, task), List.of(), task.displayName());
                if (task.when().stream().allMatch(c -> templar.isTrue(c, templateScope))) {
                    applies.add(host);
                }
            }
            reportSkipped(action, runnable.stream().filter(h -> !applies.contains(h)).toList());
            switch (action) {
                // Only the hosts that reach it, and whose when holds, flush (under free each host when it gets
                // here); a failed host keeps its notifications: force_handlers runs them at the section's end.
                case "flush_handlers" -> flushHandlers(applies, false);
                case "noop", "refresh_inventory" -> {
                }
                case "end_play" -> {
                    if (!applies.isEmpty()) {
                        hosts.forEach(HostState::end);
                        endedPlay = true;
                    }
                }
                case "end_batch" -> {
                    if (!applies.isEmpty()) {
                        hosts.forEach(HostState::end);
                    }
                }
                case "end_host" -> applies.forEach(HostState::end);
                case "clear_host_errors" -> {
                    if (!applies.isEmpty()) {
                        hosts.forEach(HostState::clearErrors);
                    }
                }
                case "clear_facts" -> applies.forEach(h -> {
                    h.facts.clear();
                    h.factVars.clear();
                });
                case "reset_connection" -> applies.forEach(h -> connections.reset(h.name()));
                default -> throw new UserError("unknown meta action '" + action + "'", task.location(),
                        "meta takes flush_handlers, noop, end_play, end_batch, end_host, clear_host_errors, clear_facts,"
                                + " reset_connection");
            }
        }

        /**
         * A meta task whose when is false on a host is shown skipped there, in Ansible 2.14's
         * words, and not counted in the recap (as Ansible counts it).
         */
        private void reportSkipped(String action, List<HostState> skipped) {
            String continuing = switch (action) {
                case "flush_handlers" -> ", not running handlers for %s";
                case "end_play" -> ", continuing play";
                case "end_batch" -> ", continuing current batch";
                case "end_host" -> ", continuing execution for %s";
                case "clear_facts" -> ", not clearing facts and fact cache for %s";
                case "clear_host_errors" -> ", not clearing host error state for %s";
                default -> null; // noop and reset_connection say nothing
            };
            if (continuing == null) {
                return;
            }
            for (HostState host : skipped) {
                String reason = action + " conditional evaluated to False" + continuing.formatted(host.name());
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("msg", action.equals("end_host") ? reason.replace("to False", "to false") : action);
                result.put("skip_reason", reason);
                result.put("skipped", true);
                listener.hostResult(new dev.drover.report.HostOutcome(host.name(), dev.drover.report.Status.SKIPPED, result,
                        null, false, null));
            }
        }

        /**
         * Runs the handlers notified on {@code on}. With {@code forced} (force_handlers, at the
         * end of a section), hosts that failed run theirs too; as in Ansible, a failed host
         * never reaches a flush_handlers task, so it runs them at the section's end.
         */
        private void flushHandlers(List<HostState> on, boolean forced) {
            java.util.function.Predicate<HostState> runs = forced ? HostState::canRunForcedHandlers : HostState::canRun;
            on.forEach(h -> flushes.merge(h.name(), 1, Integer::sum));
            for (TaskItem handler : concat(play.allHandlers(), includes.handlers())) {
                List<String> names = HandlerNames.of(HandlerNames.taskOf(handler));
                List<HostState> notified = on.stream()
                        .filter(runs)
                        .filter(h -> names.stream().anyMatch(h.notified::contains))
                        .toList();
                if (notified.isEmpty()) {
                    continue;
                }
                // Consume the handler's own names, not its topics: every listener of a topic must run.
                notified.forEach(h -> h.notified.removeAll(HandlerNames.own(HandlerNames.taskOf(handler))));
                if (handler instanceof Include include) {
                    includes.run(include, notified, "RUNNING HANDLER"); // its tasks run as handlers, as in Ansible
                } else {
                    runTask((Task) handler, notified, "RUNNING HANDLER", runs);
                }
            }
            on.forEach(h -> h.notified.clear());
        }

        /** The play's force_handlers, else --force-handlers (or ANSIBLE_FORCE_HANDLERS). */
        private boolean forceHandlers() {
            Object said = templar.render(play.forceHandlers(), TemplateScope.of(options.extraVars()));
            return said == null ? options.forceHandlers() : ModuleArgs.toBool("force_handlers", said);
        }

        private void parallel(List<HostState> on, Consumer<HostState> work) {
            if (on.size() == 1) {
                work.accept(on.get(0)); // one host needs no pool thread (and a free strategy's host already has one)
                return;
            }
            List<Future<?>> running = new ArrayList<>();
            for (HostState host : on) {
                running.add(pool.submit(() -> work.accept(host)));
            }
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
    }

    /** A task the playbook does not name (the play's fact gathering), with the play's run keywords. */
    static Task syntheticTask(String name, dev.drover.playbook.RunKeywords keywords) {
        return new Task(name, "setup", Map.of(), SourceLocation.UNKNOWN, List.of(), null, null,
                dev.drover.playbook.LoopControl.DEFAULT, null, null, null, null, List.of(), java.util.Set.of(), null, null,
                Map.of(), Map.of(), Map.of(), null, List.of(), null, null, null, null, null,
                dev.drover.playbook.RetrySpec.NONE, keywords);
    }

    private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
