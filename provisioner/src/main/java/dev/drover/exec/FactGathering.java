package dev.drover.exec;

import dev.drover.facts.FactGatherer;
import dev.drover.modules.ModuleArgs;
import dev.drover.playbook.Play;
import dev.drover.playbook.Task;
import dev.drover.report.HostOutcome;
import dev.drover.report.Status;
import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import dev.drover.transport.Target;
import dev.drover.transport.UnreachableError;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A play's implicit fact gathering, the "Gathering Facts" task: which hosts gather (the play's
 * gather_facts and Ansible's gathering setting), how each one is reached (its connection
 * variables, templated), what it is asked for (gather_subset, fact_path), and what each host's
 * result is. The facts go into the host's state.
 */
final class FactGathering {

    private final Play play;
    private final Templar templar;
    private final RunOptions options;
    private final Connections connections;
    private final PlayScope scope;

    FactGathering(Play play, Templar templar, RunOptions options, Connections connections, PlayScope scope) {
        this.play = play;
        this.templar = templar;
        this.options = options;
        this.connections = connections;
        this.scope = scope;
    }

    /**
     * Ansible's gathering setting (ANSIBLE_GATHERING or DROVER_GATHERING): implicit (the
     * default) gathers unless the play says gather_facts: false; explicit only when it
     * says true; smart as implicit, but not again for a host whose facts a play already gathered.
     */
    boolean wanted(HostState host) {
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

    /** Gathers one host's facts into its state; the task's result for that host, as Ansible reports it. */
    HostOutcome gather(HostState host, Task probe) {
        try {
            Map<String, Object> connectionVars = new LinkedHashMap<>(scope.taskVars(host, probe));
            Target target = new Target(connections.get(host.name(), renderedConnectionVars(connectionVars, host, probe)));
            FactGatherer.Gathered gathered = FactGatherer.gather(target, request(host, probe));
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
            return new HostOutcome(host.name(), Status.OK, result, null, false, null);
        } catch (IllegalArgumentException badSubset) {
            host.fail();
            return new HostOutcome(host.name(), Status.FAILED, Map.of("changed", false, "msg", badSubset.getMessage()), null, false, null);
        } catch (UnreachableError e) {
            host.markUnreachable();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("changed", false);
            result.put("msg", e.getMessage());
            result.put("unreachable", true);
            return new HostOutcome(host.name(), Status.UNREACHABLE, result, null, false, null);
        } catch (IOException e) {
            host.fail();
            return new HostOutcome(host.name(), Status.FAILED,
                    Map.of("changed", false, "msg", "fact gathering failed: " + e.getMessage()), null, false, null);
        }
    }

    /**
     * The play's gather_subset and fact_path (templated with the host's variables) over what
     * module_defaults give setup, else setup's defaults; as Ansible's gather_facts action.
     */
    private FactGatherer.Request request(HostState host, Task probe) {
        TemplateScope templateScope = new TemplateScope(scope.taskVars(host, probe), List.of(), "play gather options");
        Map<String, Object> fromPlay = new LinkedHashMap<>();
        play.gatherOptions().forEach((k, v) -> fromPlay.put(k, templar.render(v, templateScope)));
        Map<String, Object> rendered = ModuleDefaults.apply("setup", fromPlay, probe.run().moduleDefaults(), templar, templateScope);
        Object factPath = rendered.getOrDefault("fact_path", FactGatherer.DEFAULT_FACT_PATH);
        return new FactGatherer.Request(textList(rendered.getOrDefault("gather_subset", List.of("all"))),
                textList(rendered.getOrDefault("filter", List.of())), String.valueOf(factPath));
    }

    /** A list as written, or comma-separated text. */
    private static List<String> textList(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(value).split("\\s*,\\s*"));
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
}
