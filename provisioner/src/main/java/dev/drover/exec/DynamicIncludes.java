package dev.drover.exec;

import dev.drover.UserError;
import dev.drover.playbook.Include;
import dev.drover.playbook.PlayRole;
import dev.drover.playbook.RoleRequest;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskItem;
import dev.drover.report.HostOutcome;
import dev.drover.report.RunListener;
import dev.drover.report.Status;
import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs include_tasks and include_role as Ansible's linear strategy does: the include task
 * runs on every host (its when, loop, tags and register are its own), then each distinct
 * inclusion (same file or role, same loop item) is loaded and its tasks run on the hosts
 * that asked for it, in the order the inclusions were first seen. Handlers of included
 * roles join the play's handlers from then on.
 */
final class DynamicIncludes {

    /** What the play run lends: running a list of items on some hosts, and running work on hosts in parallel. */
    interface PlaySteps {
        /** @param banner "TASK", or "RUNNING HANDLER" for the tasks of an include that is a handler */
        void runItems(List<TaskItem> items, List<HostState> on, String banner);

        void eachHost(List<HostState> on, java.util.function.Consumer<HostState> work);
    }

    /** One inclusion: what is included, and the variables (include vars, loop item) its tasks get. */
    private record Inclusion(String name, Map<String, Object> vars) {
    }

    private final TaskRunner runner;
    private final PlayScope scope;
    private final TagFilter tags;
    private final RunListener listener;
    private final Templar templar;
    private final PlaySteps steps;
    private final List<TaskItem> handlers = new ArrayList<>();
    private final List<String> handlerSources = new ArrayList<>();

    DynamicIncludes(TaskRunner runner, PlayScope scope, TagFilter tags, RunListener listener, Templar templar, PlaySteps steps) {
        this.runner = runner;
        this.scope = scope;
        this.tags = tags;
        this.listener = listener;
        this.templar = templar;
        this.steps = steps;
    }

    /** Handlers that included roles brought in, in the order they were included. */
    List<TaskItem> handlers() {
        return List.copyOf(handlers);
    }

    void run(Include include, List<HostState> on) {
        run(include, on, "TASK");
    }

    /** @param banner "TASK", or "RUNNING HANDLER" when the include is a handler: its tasks run as handlers then */
    void run(Include include, List<HostState> on, String banner) {
        Task task = include.task();
        if (!tags.runs(task.tags())) {
            return;
        }
        List<HostState> runnable = on.stream().filter(HostState::canRun).toList();
        if (runnable.isEmpty()) {
            return;
        }
        listener.taskStarted(banner, bannerName(include, runnable.get(0)), task.location().toString());
        Map<String, TaskOutcome> outcomes = new ConcurrentHashMap<>();
        steps.eachHost(runnable, host -> outcomes.put(host.name(), runner.run(task, host, scope)));

        Map<Inclusion, List<HostState>> groups = new LinkedHashMap<>();
        for (HostState host : runnable) {
            TaskOutcome outcome = outcomes.get(host.name());
            if (outcome == null || (outcome.status() != Status.OK && outcome.status() != Status.CHANGED)) {
                continue;
            }
            List<Inclusion> inclusions = inclusions(include, outcome.result());
            if (include.isRole()) {
                host.uncountOk();
            } else {
                // Ansible counts an include_tasks in a loop once per included item.
                for (int i = 1; i < inclusions.size(); i++) {
                    host.countOk(false);
                }
            }
            for (Inclusion inclusion : inclusions) {
                groups.computeIfAbsent(inclusion, k -> new ArrayList<>()).add(host);
            }
        }
        if (!include.isRole()) {
            groups.forEach((inclusion, hosts) -> announce(include, inclusion, hosts));
        }
        for (Map.Entry<Inclusion, List<HostState>> group : groups.entrySet()) {
            List<TaskItem> items;
            try {
                items = load(include, group.getKey());
            } catch (UserError e) {
                for (HostState host : group.getValue()) {
                    if (!include.isRole()) {
                        host.uncountOk(); // an include that could not load is a failure, not an ok as well
                    }
                    host.fail();
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("changed", false);
                    result.put("failed", true);
                    result.put("msg", e.getMessage());
                    listener.hostResult(new HostOutcome(host.name(), Status.FAILED, result, null, false, null));
                }
                continue;
            }
            steps.runItems(items, group.getValue(), banner);
        }
    }

    /** "included: FILE for HOSTS", for a file that is there (one that is not fails its hosts next). */
    private void announce(Include include, Inclusion inclusion, List<HostState> hosts) {
        java.nio.file.Path file = inclusion.name() == null ? null : include.source().file(inclusion.name());
        if (file == null) {
            return;
        }
        Object item = include.task().loop() == null ? null : inclusion.vars().get(include.task().loopControl().loopVar());
        listener.included(file.toAbsolutePath().normalize().toString(), hosts.stream().map(HostState::name).toList(),
                item == null ? null : String.valueOf(item));
    }

    /** The inclusions one host's result asks for: one, or one per loop item that was not skipped. */
    private static List<Inclusion> inclusions(Include include, Map<String, Object> result) {
        List<Inclusion> out = new ArrayList<>();
        Task task = include.task();
        if (task.loop() == null) {
            out.add(new Inclusion(includedName(include, result), new LinkedHashMap<>(task.vars())));
            return out;
        }
        if (!(result.get("results") instanceof List<?> items)) {
            return out;
        }
        String loopVar = task.loopControl().loopVar();
        String indexVar = task.loopControl().indexVar();
        for (Object entry : items) {
            if (!(entry instanceof Map<?, ?> item) || Boolean.TRUE.equals(item.get("skipped"))
                    || Boolean.TRUE.equals(item.get("failed"))) {
                continue;
            }
            Map<String, Object> vars = new LinkedHashMap<>(task.vars());
            vars.put(loopVar, item.get(loopVar));
            vars.put("ansible_loop_var", loopVar);
            if (indexVar != null) {
                vars.put(indexVar, item.get(indexVar));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> itemResult = (Map<String, Object>) item;
            out.add(new Inclusion(includedName(include, itemResult), vars));
        }
        return out;
    }

    private static String includedName(Include include, Map<?, ?> result) {
        if (include.isRole()) {
            Object args = result.get("include_args");
            Object name = args instanceof Map<?, ?> map ? (map.containsKey("name") ? map.get("name") : map.get("role")) : null;
            return name == null ? null : String.valueOf(name).strip();
        }
        Object file = result.get("include");
        return file == null ? null : String.valueOf(file).strip();
    }

    private List<TaskItem> load(Include include, Inclusion inclusion) {
        Object apply = include.task().args().get("apply");
        if (!include.isRole()) {
            return include.source().tasks(inclusion.name(), inclusion.vars(), apply);
        }
        Map<String, Object> args = new LinkedHashMap<>(include.task().args());
        args.put("name", inclusion.name());
        args.remove("role");
        PlayRole role = include.source().role(RoleRequest.of(args), inclusion.vars(), apply);
        Object exposed = templar.render(args.get("public"), TemplateScope.of(Map.of()));
        if (exposed != null && dev.drover.modules.ModuleArgs.toBool("public", exposed)) {
            scope.expose(role.role());
        }
        String source = role.role().path() + "\u0000" + args.get("handlers_from");
        if (!handlerSources.contains(source)) {
            handlerSources.add(source);
            handlers.addAll(role.handlers());
        }
        return role.tasks();
    }

    /** The banner: the include's name (templated when it can be), else "include_role : NAME" as Ansible shows it. */
    private String bannerName(Include include, HostState host) {
        Task task = include.task();
        if (task.name() != null && !task.name().isBlank()) {
            if (!Templar.hasTemplate(task.name())) {
                return task.displayName();
            }
            try {
                String name = String.valueOf(templar.render(task.name(),
                        new TemplateScope(scope.taskVars(host, task), List.of(), task.displayName())));
                return task.role() == null ? name : task.role().name() + " : " + name;
            } catch (RuntimeException e) {
                return task.displayName();
            }
        }
        if (include.isRole()) {
            Object name = task.args().containsKey("name") ? task.args().get("name") : task.args().get("role");
            String shown = "include_role : " + name;
            return task.role() == null ? shown : task.role().name() + " : " + shown;
        }
        return task.displayName();
    }
}
