package dev.drover.exec;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.facts.FactGatherer;
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
import dev.drover.report.HostOutcome;
import dev.drover.report.HostStats;
import dev.drover.report.RunListener;
import dev.drover.report.Status;
import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import dev.drover.transport.Target;
import dev.drover.transport.UnreachableError;
import java.io.IOException;
import java.nio.file.Files;
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

    public Executor(ModuleRegistry modules, Templar templar, RunOptions options, RunListener listener) {
        this.modules = modules;
        this.templar = templar;
        this.options = options;
        this.listener = listener;
        this.tags = new TagFilter(options.tags(), options.skipTags());
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
        try (Connections connections = new Connections(options)) {
            TaskRunner runner = new TaskRunner(modules, templar, options, connections, listener);
            for (Play play : playbook.plays()) {
                // add_host and group_by of earlier plays: the hosts and groups this play can select.
                Inventory current = updates.applyTo(inventory);
                current.hosts().forEach(h -> states.putIfAbsent(h.name(), new HostState(h)));
                List<VarsDirectory> dirs = new ArrayList<>();
                loaded.varsBases().forEach(base -> dirs.add(VarsDirectory.load(base, current)));
                dirs.add(VarsDirectory.load(play.baseDir(), current));
                new PlayRun(play, current, dirs, states, runner, connections, pool, loaded, touched, updates).run();
            }
        } finally {
            pool.shutdownNow();
        }
        List<HostStats> stats = new ArrayList<>();
        for (String host : states.keySet()) {
            if (touched.contains(host)) {
                stats.add(states.get(host).stats());
            }
        }
        listener.recap(stats);
        return new RunResult(stats);
    }

    /** One play on its hosts. */
    private final class PlayRun {
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
        private List<HostState> hosts;
        private PlayScope scope;
        private DynamicIncludes includes;

        PlayRun(Play play, Inventory inventory, List<VarsDirectory> dirs, Map<String, HostState> states, TaskRunner runner,
                Connections connections, ExecutorService pool, InventoryLoader.Loaded loaded, List<String> touched,
                InventoryUpdates updates) {
            this.play = play;
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

        void run() {
            listener.playStarted(play.name());
            List<String> selected = selectHosts();
            hosts = new ArrayList<>();
            for (String name : selected) {
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
                return;
            }
            checkNotifyTargets();
            List<String> names = hosts.stream().map(HostState::name).toList();
            Path inventoryDir = loaded.varsBases().isEmpty() ? null : loaded.varsBases().get(0);
            Map<String, Object> magic = PlayScope.playMagic(inventory, play, options, names, inventoryDir,
                    new HostvarsView(inventory, dirs, states));
            scope = new PlayScope(inventory, dirs, play, varsFiles(magic), options, magic);
            includes = new DynamicIncludes(runner, scope, tags, listener, templar, new DynamicIncludes.PlaySteps() {
                public void runItems(List<TaskItem> items, List<HostState> on) {
                    PlayRun.this.runItems(items, on);
                }

                public void eachHost(List<HostState> on, Consumer<HostState> work) {
                    parallel(on, work);
                }
            });
            gather();
            runSection(play.preTasks());
            runSection(concat(play.roleTasks(), play.tasks()));
            runSection(play.postTasks());
        }

        private List<String> selectHosts() {
            List<String> unmatched = new ArrayList<>();
            List<String> selected = new HostPattern(play.hosts()).select(inventory, unmatched);
            unmatched.forEach(term -> listener.warning("Could not match supplied host pattern, ignoring: " + term));
            if (options.limit() != null && !options.limit().isBlank()) {
                List<String> limited = new HostPattern(options.limit()).select(inventory);
                selected = selected.stream().filter(limited::contains).toList();
            }
            return selected;
        }

        private void checkNotifyTargets() {
            List<String> known = new ArrayList<>();
            for (Task handler : play.allHandlers()) {
                known.addAll(handlerNames(handler));
            }
            checkNotify(concat(concat(play.preTasks(), play.roleTasks()), concat(play.tasks(), play.postTasks())), known);
            checkNotify(new ArrayList<>(play.allHandlers()), known);
        }

        private void checkNotify(List<? extends TaskItem> items, List<String> known) {
            for (TaskItem item : items) {
                if (item instanceof Task task) {
                    for (String name : task.notifies()) {
                        if (!known.contains(name)) {
                            throw new UserError("The requested handler '" + name + "' was not found in either the main"
                                    + " handlers list nor in the listening handlers list", task.location(),
                                    "define a handler with this name (or 'listen: " + name + "') under handlers:");
                        }
                    }
                } else if (item instanceof Block block) {
                    checkNotify(block.tasks(), known);
                    checkNotify(block.rescue(), known);
                    checkNotify(block.always(), known);
                }
            }
        }

        /**
         * Ansible's gathering setting (ANSIBLE_GATHERING or DROVER_GATHERING): implicit (the
         * default) gathers unless the play says gather_facts: false; explicit only when it
         * says true; smart as implicit, but not again for a host whose facts a play already gathered.
         */
        private boolean gatherFacts(HostState host) {
            Object value = play.gatherFacts() == null ? null : templar.render(play.gatherFacts(), TemplateScope.of(options.extraVars()));
            boolean said = value != null;
            boolean wanted = !said || ModuleArgs.toBool("gather_facts", value);
            String gathering = options.environment().getOrDefault("DROVER_GATHERING",
                    options.environment().getOrDefault("ANSIBLE_GATHERING", "implicit")).strip().toLowerCase(java.util.Locale.ROOT);
            return switch (gathering) {
                case "explicit" -> said && wanted;
                case "smart" -> wanted && !host.factsGathered();
                default -> wanted;
            };
        }

        /** vars_files: each entry a file, or a list whose first existing file is used; paths may be templated. */
        private Map<String, Object> varsFiles(Map<String, Object> magic) {
            Map<String, Object> vars = new LinkedHashMap<>();
            Map<String, Object> visible = new LinkedHashMap<>(play.vars());
            visible.putAll(options.extraVars());
            visible.putAll(magic);
            TemplateScope templateScope = TemplateScope.of(visible);
            for (Object entry : play.varsFiles()) {
                List<?> choices = entry instanceof List<?> list ? list : List.of(entry);
                Path found = null;
                for (Object choice : choices) {
                    Path path = play.baseDir().resolve(String.valueOf(templar.render(String.valueOf(choice), templateScope)));
                    if (Files.isRegularFile(path)) {
                        found = path;
                        break;
                    }
                }
                if (found == null) {
                    throw new UserError("vars file not found: " + entry, play.location(),
                            "vars_files paths are relative to the playbook's folder, " + play.baseDir());
                }
                Map<String, Object> loadedVars = VarsDirectory.readVarsFile(found);
                vars.putAll(loadedVars);
                // A later vars_files path may use what an earlier file defined; extra vars still win.
                visible.putAll(loadedVars);
                visible.putAll(options.extraVars());
            }
            return vars;
        }

        private void gather() {
            List<HostState> runnable = hosts.stream().filter(HostState::canRun).filter(this::gatherFacts).toList();
            if (runnable.isEmpty()) {
                return;
            }
            listener.taskStarted("TASK", "Gathering Facts", null);
            parallel(runnable, host -> {
                try {
                    Task probe = syntheticTask("Gathering Facts");
                    Map<String, Object> connectionVars = new LinkedHashMap<>(scope.taskVars(host, probe));
                    Target target = new Target(connections.get(host.name(), renderedConnectionVars(connectionVars, host, probe)));
                    FactGatherer.Gathered gathered = FactGatherer.gather(target, gatherRequest(host, probe));
                    Map<String, Object> facts = new LinkedHashMap<>(gathered.ansibleFacts());
                    // As Ansible's gather_facts action: the mark that gathering = smart looks for.
                    facts.put("_ansible_facts_gathered", true);
                    host.learnFacts(facts);
                    host.countOk(false);
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("changed", false);
                    if (!gathered.warnings().isEmpty()) {
                        result.put("warnings", gathered.warnings());
                    }
                    listener.hostResult(new HostOutcome(host.name(), Status.OK, result, null, false, null));
                } catch (IllegalArgumentException badSubset) {
                    host.fail();
                    listener.hostResult(new HostOutcome(host.name(), Status.FAILED,
                            Map.of("changed", false, "msg", badSubset.getMessage()), null, false, null));
                } catch (UnreachableError e) {
                    host.markUnreachable();
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("changed", false);
                    result.put("msg", e.getMessage());
                    result.put("unreachable", true);
                    listener.hostResult(new HostOutcome(host.name(), Status.UNREACHABLE, result, null, false, null));
                } catch (IOException e) {
                    host.fail();
                    listener.hostResult(new HostOutcome(host.name(), Status.FAILED,
                            Map.of("changed", false, "msg", "fact gathering failed: " + e.getMessage()), null, false, null));
                }
            });
        }

        /** The play's gather_subset, fact_path (templated with the host's variables), else setup's defaults. */
        private FactGatherer.Request gatherRequest(HostState host, Task probe) {
            TemplateScope templateScope = new TemplateScope(scope.taskVars(host, probe), List.of(), "play gather options");
            Map<String, Object> rendered = new LinkedHashMap<>();
            play.gatherOptions().forEach((k, v) -> rendered.put(k, templar.render(v, templateScope)));
            Object subset = rendered.getOrDefault("gather_subset", List.of("all"));
            List<String> subsets = subset instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                    : List.of(String.valueOf(subset).split("\\s*,\\s*"));
            Object factPath = rendered.getOrDefault("fact_path", FactGatherer.DEFAULT_FACT_PATH);
            return new FactGatherer.Request(subsets, List.of(), String.valueOf(factPath));
        }

        private Map<String, Object> renderedConnectionVars(Map<String, Object> vars, HostState host, Task probe) {
            TemplateScope templateScope = new TemplateScope(scope.taskVars(host, probe), List.of(), "connection variables");
            Map<String, Object> rendered = new LinkedHashMap<>();
            vars.forEach((k, v) -> {
                if (k.startsWith("ansible_") && v != null && !(v instanceof Map) && !(v instanceof List)) {
                    rendered.put(k, templar.render(v, templateScope));
                }
            });
            return rendered;
        }

        private void runSection(List<TaskItem> items) {
            runItems(items, hosts);
            flushHandlers(hosts);
        }

        private void runItems(List<TaskItem> items, List<HostState> on) {
            for (TaskItem item : items) {
                if (on.stream().noneMatch(HostState::canRun)) {
                    return;
                }
                if (item instanceof Task task) {
                    runTask(task, on, "TASK");
                } else if (item instanceof Include include) {
                    includes.run(include, on);
                } else {
                    runBlock((Block) item, on);
                }
            }
        }

        /** block/rescue/always: a failure in the block sends the host to rescue; always runs either way. */
        private void runBlock(Block block, List<HostState> on) {
            List<HostState> entered = on.stream().filter(HostState::canRun).toList();
            boolean rescuable = !block.rescue().isEmpty();
            entered.forEach(h -> h.enterBlock(rescuable));
            try {
                runItems(block.tasks(), entered);
            } finally {
                List<HostState> failedInBlock = new ArrayList<>();
                for (HostState host : entered) {
                    if (host.leaveBlock()) {
                        failedInBlock.add(host);
                    }
                }
                if (rescuable && !failedInBlock.isEmpty()) {
                    failedInBlock.forEach(HostState::countRescued);
                    runItems(block.rescue(), failedInBlock);
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
                runItems(block.always(), always);
                paused.forEach(HostState::resumeBlockFailure);
                // A host that failed in the block without a rescue stays failed after always.
                revived.forEach(HostState::failAgain);
            }
        }

        private void runTask(Task task, List<HostState> on, String banner) {
            if (!tags.runs(task.tags())) {
                return;
            }
            List<HostState> runnable = on.stream().filter(HostState::canRun).toList();
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
            if (task.runOnce() != null && isTrue(task.runOnce(), runnable.get(0), task)) {
                TaskOutcome outcome = runner.run(task, runnable.get(0), scope);
                if (task.register() != null) {
                    runnable.forEach(h -> h.hostVars.put(task.register(), outcome.result()));
                }
                return;
            }
            parallel(runnable, host -> runner.run(task, host, scope));
            if (play.anyErrorsFatal() && runnable.stream().anyMatch(HostState::isFailed)) {
                hosts.forEach(HostState::end);
            }
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
            switch (action) {
                case "flush_handlers" -> flushHandlers(hosts);
                case "noop", "refresh_inventory" -> {
                }
                case "end_play" -> {
                    if (!applies.isEmpty()) {
                        hosts.forEach(HostState::end);
                    }
                }
                case "end_host" -> applies.forEach(HostState::end);
                case "clear_host_errors" -> hosts.forEach(HostState::clearErrors);
                case "clear_facts" -> applies.forEach(h -> {
                    h.facts.clear();
                    h.factVars.clear();
                });
                case "reset_connection" -> applies.forEach(h -> connections.reset(h.name()));
                default -> throw new UserError("unknown meta action '" + action + "'", task.location(),
                        "meta takes flush_handlers, noop, end_play, end_host, clear_host_errors, clear_facts, reset_connection");
            }
        }

        private void flushHandlers(List<HostState> on) {
            for (Task handler : concat(play.allHandlers(), includes.handlers())) {
                List<String> names = handlerNames(handler);
                List<HostState> notified = on.stream()
                        .filter(HostState::canRun)
                        .filter(h -> names.stream().anyMatch(h.notified::contains))
                        .toList();
                if (notified.isEmpty()) {
                    continue;
                }
                // Consume the handler's own names, not its topics: every listener of a topic must run.
                notified.forEach(h -> h.notified.removeAll(ownNames(handler)));
                runTask(handler, notified, "RUNNING HANDLER");
            }
            on.forEach(h -> h.notified.clear());
        }

        private void parallel(List<HostState> on, Consumer<HostState> work) {
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

    /** The names a notify may use for a handler: its name, "role : name", and its listen topics. */
    private static List<String> handlerNames(Task handler) {
        List<String> names = new ArrayList<>();
        if (handler.name() != null) {
            names.add(handler.name());
            if (handler.role() != null) {
                names.add(handler.role().name() + " : " + handler.name());
            }
        }
        names.addAll(handler.listen());
        return names;
    }

    private static List<String> ownNames(Task handler) {
        List<String> names = new ArrayList<>(handlerNames(handler));
        names.removeAll(handler.listen());
        return names;
    }

    private static Task syntheticTask(String name) {
        return new Task(name, "setup", Map.of(), SourceLocation.UNKNOWN, List.of(), null, null,
                dev.drover.playbook.LoopControl.DEFAULT, null, null, null, null, List.of(), java.util.Set.of(), null, null,
                Map.of(), Map.of(), Map.of(), null, List.of(), null, null, null, null, null,
                dev.drover.playbook.RetrySpec.NONE);
    }

    private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
