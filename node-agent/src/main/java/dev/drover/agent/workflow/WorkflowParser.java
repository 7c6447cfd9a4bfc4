package dev.drover.agent.workflow;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.agent.config.ConfigLoader;
import dev.drover.agent.config.Section;
import dev.drover.yaml.AnsibleYaml;
import dev.drover.yaml.YamlMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a workflow file and refuses it whole at its first mistake, naming file:line and what
 * to write instead: unknown keys (of the file, of a step, of a step's type), unknown step
 * types, duplicate ids, {@code needs} naming no step or forming a cycle, templates that do
 * not parse, a condition reading a step that is not upstream of it, a bad for_each.
 */
public final class WorkflowParser {

    /** YAML 1.1 reads an unquoted {@code on} key as the boolean true; taken back as {@code on}, as GitHub Actions does. */
    private static final String ON_AS_READ = "True";
    static final Set<String> TOP = Set.of("name", "description", "inputs", "schedule", "on", "concurrency", "steps", ON_AS_READ);
    static final Set<String> COMMON = Set.of("id", "type", "needs", "when", "retries", "backoff", "timeout", "on_failure",
            "outputs", "for_each", "concurrency", "description");
    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final StepTypes types;

    public WorkflowParser(StepTypes types) {
        this.types = types;
    }

    public WorkflowDefinition load(Path file) {
        String text = readText(file);
        return read(AnsibleYaml.loadString(text, file), file, defaultName(file), text);
    }

    /** Validates text sent to the API; {@code label} names it in errors. */
    public WorkflowDefinition parse(String text, Path label) {
        return read(AnsibleYaml.loadString(text, label), label, defaultName(label), text);
    }

    private static String readText(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new UserError("cannot read the workflow file: " + e.getMessage(), SourceLocation.of(file));
        }
    }

    private static String defaultName(Path file) {
        String base = file.getFileName().toString();
        return base.replaceFirst("\\.ya?ml$", "");
    }

    private WorkflowDefinition read(Object document, Path file, String fallbackName, String text) {
        Section root = Section.of("", document, SourceLocation.of(file));
        root.allowOnly(TOP);
        String name = root.string("name", fallbackName);
        if (!NAME.matcher(name).matches()) {
            throw new UserError("workflow name '" + name + "' may hold only letters, digits, '_', '.' and '-'",
                    root.has("name") ? root.at("name") : root.location(), "rename it (it is part of the API's URLs)");
        }
        Map<String, WorkflowDefinition.InputSpec> inputs = inputs(root);
        Optional<String> schedule = root.optionalString("schedule").map(cron -> ConfigLoader.quartzCron(cron, root, "schedule"));
        if (schedule.isPresent()) {
            inputs.values().stream().filter(WorkflowDefinition.InputSpec::required).findFirst().ifPresent(input -> {
                throw new UserError("a scheduled workflow's inputs need defaults; '" + input.name() + "' has none",
                        root.at("schedule"), "give inputs." + input.name() + " a default");
            });
        }
        WorkflowDefinition.Triggers on = triggers(root, inputs);
        List<Section> stepSections = root.sections("steps");
        if (stepSections.isEmpty()) {
            throw new UserError("a workflow needs steps: a list of steps, each with an id and a type", root.location());
        }
        Map<String, Section> byId = new LinkedHashMap<>();
        for (Section step : stepSections) {
            String id = step.string("id", null);
            if (id == null) {
                throw new UserError("'" + step.qualified("id") + "' is missing: every step needs an id", step.location());
            }
            if (!ID.matcher(id).matches()) {
                throw new UserError("step id '" + id + "' must be letters, digits and '_', not starting with a digit", step.at("id"),
                        "templates read it as steps." + id + ", so it must be a name");
            }
            Section first = byId.putIfAbsent(id, step);
            if (first != null) {
                throw new UserError("step id '" + id + "' is used twice (first at line " + first.at("id").line() + ")",
                        step.at("id"), "give every step its own id");
            }
        }
        List<StepDefinition> steps = new ArrayList<>();
        for (Section step : stepSections) {
            steps.add(step(step, byId.keySet()));
        }
        steps = markFallbacks(steps, byId);
        Map<String, Set<String>> upstream = checkGraph(steps, byId);
        for (StepDefinition step : steps) {
            if (step.onFailure().kind() == StepDefinition.OnFailure.Kind.FALLBACK) {
                // A fallback runs after the failing step, so it may read it and what it read.
                Set<String> seen = upstream.get(step.onFailure().fallback());
                seen.add(step.id());
                seen.addAll(upstream.get(step.id()));
            }
        }
        TemplateCheck templates = new TemplateCheck(inputs.keySet());
        for (StepDefinition step : steps) {
            templates.check(step, byId.get(step.id()), upstream.get(step.id()));
        }
        // Runs of this workflow at once; a start beyond it is refused (an ops workflow run twice at once is rarely wanted).
        java.util.OptionalInt concurrency = root.has("concurrency")
                ? java.util.OptionalInt.of(root.integer("concurrency", 1, 1, 1000)) : java.util.OptionalInt.empty();
        return new WorkflowDefinition(name, file, root.string("description", ""), inputs, schedule, on, concurrency, steps, text);
    }

    /** The event triggers; the event's own inputs (check_file, node) are the only ones it can give. */
    private static WorkflowDefinition.Triggers triggers(Section root, Map<String, WorkflowDefinition.InputSpec> inputs) {
        String key = root.has("on") ? "on" : root.has(ON_AS_READ) ? ON_AS_READ : null;
        if (key == null) {
            return WorkflowDefinition.Triggers.NONE;
        }
        Section on = root.section(key);
        on.allowOnly(Set.of("check_failed", "node_woke"));
        List<String> checks = on.raw("check_failed") instanceof String one ? List.of(one) : on.strings("check_failed");
        List<String> nodes = on.raw("node_woke") instanceof String one ? List.of(one) : on.strings("node_woke");
        for (WorkflowDefinition.InputSpec input : inputs.values()) {
            if (input.required() && !input.name().equals("check_file") && !input.name().equals("node")) {
                throw new UserError("a workflow started by events needs defaults for its inputs; '" + input.name() + "' has none",
                        root.at(key), "give inputs." + input.name() + " a default (an event gives only check_file and node)");
            }
        }
        return new WorkflowDefinition.Triggers(checks, nodes);
    }

    private static Map<String, WorkflowDefinition.InputSpec> inputs(Section root) {
        Map<String, WorkflowDefinition.InputSpec> inputs = new LinkedHashMap<>();
        Object raw = root.raw("inputs");
        if (raw == null) {
            return inputs;
        }
        if (!(raw instanceof YamlMap map)) {
            throw new UserError("'inputs' must be a mapping of input names to defaults or to {default, description}",
                    root.at("inputs"));
        }
        Section section = root.section("inputs");
        for (String key : map.keySet()) {
            if (!ID.matcher(key).matches()) {
                throw new UserError("input name '" + key + "' must be letters, digits and '_'", section.at(key));
            }
            Object value = map.get(key);
            if (value instanceof YamlMap spec) {
                Section input = section.section(key);
                input.allowOnly(Set.of("default", "required", "description", "type", "choices"));
                boolean required = input.bool("required", !spec.containsKey("default"));
                WorkflowDefinition.InputSpec declared = new WorkflowDefinition.InputSpec(key, Values.plain(spec.get("default")),
                        required, input.string("description", ""), inputType(input), choices(input));
                inputs.put(key, checkedDefault(declared, input));
            } else {
                inputs.put(key, new WorkflowDefinition.InputSpec(key, Values.plain(value), false, ""));
            }
        }
        return inputs;
    }

    private static Optional<InputType> inputType(Section input) {
        return input.optionalString("type").map(name -> InputType.named(name).orElseThrow(() -> new UserError(
                "input type '" + name + "' is not one of " + InputType.names(), input.at("type"))));
    }

    private static List<Object> choices(Section input) {
        Object raw = input.raw("choices");
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list) || list.isEmpty()
                || !list.stream().allMatch(c -> c instanceof String || c instanceof Number || c instanceof Boolean)) {
            throw new UserError("'choices' must be a list of the values the input may take, such as [lab1, lab2]",
                    input.at("choices"));
        }
        return List.copyOf((List<?>) Values.plain(list));
    }

    /** The input with its default read as its type; a default its own type or choices refuse is a mistake in the file. */
    private static WorkflowDefinition.InputSpec checkedDefault(WorkflowDefinition.InputSpec input, Section section) {
        if (!section.has("default")) {
            return input;
        }
        try {
            Object value = input.accept(input.defaultValue());
            return new WorkflowDefinition.InputSpec(input.name(), value, input.required(), input.description(), input.type(),
                    input.choices());
        } catch (WorkflowDefinition.InputSpec.Refused refused) {
            throw new UserError("the default of input '" + input.name() + "' " + refused.getMessage(), section.at("default"));
        }
    }

    private StepDefinition step(Section step, Set<String> ids) {
        String id = step.string("id", null);
        String typeName = step.string("type", null);
        if (typeName == null) {
            throw new UserError("step '" + id + "' has no type", step.location(), "add type: one of " + String.join(", ", types.names()));
        }
        StepType type = types.named(typeName).orElseThrow(() -> new UserError("step '" + id + "': unknown type '" + typeName + "'",
                step.at("type"), "known types: " + String.join(", ", types.names())));
        Map<String, Object> args = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : stepMap(step).entrySet()) {
            String key = entry.getKey();
            if (COMMON.contains(key)) {
                continue;
            }
            if (key.equals("runs_on") && !type.arguments().contains(key)) {
                throw new UserError("step '" + id + "': " + typeName + " steps run on this agent only", step.at(key),
                        "runs_on: nomad is for shell, http, check, play and llm steps; leave it out here");
            }
            if (!type.arguments().contains(key)) {
                Set<String> known = new TreeSet<>(type.arguments());
                known.addAll(COMMON);
                throw new UserError("step '" + id + "': unknown key '" + key + "' for a " + typeName + " step", step.at(key),
                        "known keys: " + String.join(", ", known));
            }
            args.put(key, Values.plain(entry.getValue()));
        }
        for (String key : type.required()) {
            if (!args.containsKey(key)) {
                throw new UserError("step '" + id + "': a " + typeName + " step needs '" + key + "'", step.location());
            }
        }
        List<String> needs = needs(step, id, ids);
        Optional<String> when = step.optionalString("when");
        int retries = step.integer("retries", 0, 0, 100);
        Duration backoff = step.duration("backoff", Duration.ofSeconds(1));
        Optional<Duration> timeout = step.has("timeout") ? Optional.of(step.duration("timeout", null)) : Optional.empty();
        if (timeout.isPresent() && timeout.get().isZero()) {
            throw new UserError("step '" + id + "': timeout must be more than 0", step.at("timeout"));
        }
        StepDefinition.OnFailure onFailure = onFailure(step, id, ids);
        Map<String, Object> outputs = outputs(step, id);
        Optional<Object> forEach = Optional.ofNullable(step.raw("for_each")).map(Values::plain);
        if (forEach.isPresent() && !(forEach.get() instanceof List) && !(forEach.get() instanceof String s && s.contains("{{"))) {
            throw new UserError("step '" + id + "': for_each must be a list or a template giving one, such as"
                    + " \"{{ inputs.nodes }}\"", step.at("for_each"));
        }
        if (step.has("concurrency") && forEach.isEmpty()) {
            throw new UserError("step '" + id + "': concurrency limits for_each items, and this step has no for_each",
                    step.at("concurrency"), "remove concurrency or add for_each");
        }
        int concurrency = step.integer("concurrency", 1, 1, 1000);
        return new StepDefinition(id, typeName, args, needs, when, retries, backoff, timeout, onFailure, outputs, forEach,
                concurrency, false, step.location());
    }

    private static Map<String, Object> stepMap(Section step) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String key : step.keys()) {
            map.put(key, step.raw(key));
        }
        return map;
    }

    private static List<String> needs(Section step, String id, Set<String> ids) {
        Object raw = step.raw("needs");
        List<String> needs = raw instanceof String one ? List.of(one) : step.strings("needs");
        for (String need : needs) {
            if (need.equals(id)) {
                throw new UserError("step '" + id + "' needs itself", step.at("needs"));
            }
            if (!ids.contains(need)) {
                throw new UserError("step '" + id + "' needs '" + need + "', which is no step of this workflow", step.at("needs"),
                        "steps here: " + String.join(", ", ids));
            }
        }
        return List.copyOf(new LinkedHashSet<>(needs));
    }

    private static StepDefinition.OnFailure onFailure(Section step, String id, Set<String> ids) {
        String value = step.string("on_failure", "fail");
        if (value.equals("fail")) {
            return StepDefinition.OnFailure.FAIL;
        }
        if (value.equals("continue")) {
            return StepDefinition.OnFailure.CONTINUE;
        }
        if (value.equals(id) || !ids.contains(value)) {
            throw new UserError("step '" + id + "': on_failure must be fail, continue or the id of another step, not '" + value + "'",
                    step.at("on_failure"), "steps here: " + String.join(", ", ids));
        }
        return StepDefinition.OnFailure.fallback(value);
    }

    private static Map<String, Object> outputs(Section step, String id) {
        Object raw = step.raw("outputs");
        if (raw == null) {
            return Map.of();
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw new UserError("step '" + id + "': outputs must be a mapping of names to values or templates over result",
                    step.at("outputs"));
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        map.forEach((k, v) -> outputs.put(String.valueOf(k), Values.plain(v)));
        return outputs;
    }

    /** Steps named by on_failure run only as fallbacks; they may not need other steps themselves. */
    private static List<StepDefinition> markFallbacks(List<StepDefinition> steps, Map<String, Section> byId) {
        Set<String> fallbacks = new java.util.HashSet<>();
        for (StepDefinition step : steps) {
            if (step.onFailure().kind() == StepDefinition.OnFailure.Kind.FALLBACK) {
                fallbacks.add(step.onFailure().fallback());
            }
        }
        List<StepDefinition> out = new ArrayList<>();
        for (StepDefinition step : steps) {
            if (fallbacks.contains(step.id())) {
                if (!step.needs().isEmpty()) {
                    throw new UserError("step '" + step.id() + "' is a fallback (named by on_failure) and so runs when the"
                            + " failing step fails; it cannot also have needs", byId.get(step.id()).at("needs"), "remove its needs");
                }
                if (step.onFailure().kind() == StepDefinition.OnFailure.Kind.FALLBACK) {
                    throw new UserError("fallback step '" + step.id() + "' has a fallback of its own", byId.get(step.id()).at("on_failure"),
                            "use on_failure: continue or fail on a fallback step");
                }
                out.add(step.asFallback());
            } else {
                out.add(step);
            }
        }
        return out;
    }

    /** Refuses cycles; answers every step's upstream steps (all it needs, directly or not). */
    private static Map<String, Set<String>> checkGraph(List<StepDefinition> steps, Map<String, Section> byId) {
        Map<String, StepDefinition> index = new HashMap<>();
        steps.forEach(s -> index.put(s.id(), s));
        Map<String, Set<String>> upstream = new HashMap<>();
        for (StepDefinition step : steps) {
            upstream.put(step.id(), upstreamOf(step.id(), index, new ArrayList<>(), upstream, byId));
        }
        return upstream;
    }

    private static Set<String> upstreamOf(String id, Map<String, StepDefinition> index, List<String> path,
                                          Map<String, Set<String>> known, Map<String, Section> byId) {
        if (known.containsKey(id)) {
            return known.get(id);
        }
        if (path.contains(id)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            cycle.add(id);
            throw new UserError("the needs of steps form a cycle: " + String.join(" -> ", cycle), byId.get(id).at("needs"),
                    "a step cannot wait, directly or not, for itself; remove one of these needs");
        }
        path.add(id);
        Set<String> all = new java.util.TreeSet<>();
        for (String need : index.get(id).needs()) {
            all.add(need);
            all.addAll(upstreamOf(need, index, path, known, byId));
            StepDefinition.OnFailure onFailure = index.get(need).onFailure();
            if (onFailure.kind() == StepDefinition.OnFailure.Kind.FALLBACK) {
                // A need with a fallback is settled only once its fallback has ended.
                all.add(onFailure.fallback());
            }
        }
        path.remove(path.size() - 1);
        known.put(id, all);
        return all;
    }
}
