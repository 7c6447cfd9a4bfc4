package dev.drover.agent.workflow;

import dev.drover.UserError;
import dev.drover.agent.config.Section;
import dev.drover.template.Templar;
import dev.drover.template.TemplateError;
import dev.drover.template.TemplateScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load-time check of a step's templates: each must parse, and each may read only inputs
 * the workflow declares and steps upstream of it (a step reading one that may not have run
 * yet would see a different value from run to run).
 */
final class TemplateCheck {

    private static final Pattern STEP_REFERENCE = Pattern.compile("\\bsteps\\s*(?:\\.\\s*([A-Za-z_]\\w*)|\\[\\s*['\"]([^'\"]+)['\"])");
    private static final Pattern INPUT_REFERENCE = Pattern.compile("\\binputs\\s*(?:\\.\\s*([A-Za-z_]\\w*)|\\[\\s*['\"]([^'\"]+)['\"])");

    /**
     * Templates naming a lookup are not tried: a lookup acts when evaluated ({@code pipe} runs a
     * command, {@code password} writes a file), and validating a file, even one sent to the API
     * by an operator, must not act. They are checked when they run.
     */
    private static final Pattern LOOKUP = Pattern.compile("\\b(?:lookup|query|q)\\b");

    private final Set<String> inputs;
    private final Templar templar = new Templar();

    TemplateCheck(Set<String> inputs) {
        this.inputs = inputs;
    }

    void check(StepDefinition step, Section section, Set<String> upstream) {
        step.when().ifPresent(when -> {
            references(when, step, section, "when", upstream);
            if (LOOKUP.matcher(when).find()) {
                return;
            }
            try {
                templar.isTrue(when, scope(step, upstream));
            } catch (TemplateError e) {
                refuseSyntax(e, step, section, "when");
            }
        });
        step.args().forEach((key, value) -> checkValue(value, step, section, key, upstream));
        step.outputs().forEach((key, value) -> checkValue(value, step, section, "outputs", upstream));
        step.forEach().ifPresent(value -> checkValue(value, step, section, "for_each", upstream));
    }

    private void checkValue(Object value, StepDefinition step, Section section, String key, Set<String> upstream) {
        if (value instanceof String text) {
            if (!Templar.hasTemplate(text)) {
                return;
            }
            references(text, step, section, key, upstream);
            if (LOOKUP.matcher(text).find()) {
                return;
            }
            try {
                templar.render(text, scope(step, upstream));
            } catch (TemplateError e) {
                refuseSyntax(e, step, section, key);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> checkValue(v, step, section, key, upstream));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> checkValue(v, step, section, key, upstream));
        }
    }

    private void references(String text, StepDefinition step, Section section, String key, Set<String> upstream) {
        Matcher steps = STEP_REFERENCE.matcher(text);
        while (steps.find()) {
            String id = steps.group(1) != null ? steps.group(1) : steps.group(2);
            if (!upstream.contains(id)) {
                throw new UserError("step '" + step.id() + "': " + key + " reads steps." + id + ", which is not upstream of it",
                        section.at(key), id.equals(step.id()) ? "a step's own result is 'result' in its outputs"
                        : "add '" + id + "' to its needs (directly or through a step it needs), or fix the name");
            }
        }
        Matcher names = INPUT_REFERENCE.matcher(text);
        while (names.find()) {
            String name = names.group(1) != null ? names.group(1) : names.group(2);
            if (!inputs.contains(name)) {
                throw new UserError("step '" + step.id() + "': " + key + " reads inputs." + name + ", which the workflow does not declare",
                        section.at(key), "declare it under inputs: (with a default if it may be left out)");
            }
        }
    }

    private static void refuseSyntax(TemplateError e, StepDefinition step, Section section, String key) {
        // Only a template that cannot parse is refused here; undefined names and types are known at run time.
        if (e.getMessage().contains("syntax error")) {
            throw new UserError("step '" + step.id() + "': " + key + ": " + e.getMessage(), section.at(key),
                    "fix the template (Jinja, as in playbooks)");
        }
    }

    /** Placeholders with the shape a running step sees. */
    private TemplateScope scope(StepDefinition step, Set<String> upstream) {
        Map<String, Object> placeholderInputs = new LinkedHashMap<>();
        inputs.forEach(name -> placeholderInputs.put(name, ""));
        Map<String, Object> steps = new LinkedHashMap<>();
        upstream.forEach(id -> steps.put(id, Map.of("status", "done", "outputs", Map.of())));
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("inputs", placeholderInputs);
        vars.put("steps", steps);
        vars.put("result", Map.of());
        vars.put("item", "");
        vars.put("index", 0);
        vars.put("run", Map.of("id", "", "workflow", ""));
        return new TemplateScope(vars, List.of(), "step '" + step.id() + "'");
    }
}
