package dev.drover.agent.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A workflow file, validated: its inputs, optional cron schedule and steps in file order. The
 * steps form a DAG (checked acyclic on load), so any order of starting ready steps is valid.
 * {@code source} is the file's text: a run keeps it, so a run resumed after the file changed
 * finishes as it began.
 */
public record WorkflowDefinition(String name, Path file, String description, Map<String, InputSpec> inputs,
                                 Optional<String> schedule, Triggers on, OptionalInt concurrency, List<StepDefinition> steps,
                                 String source) {

    public WorkflowDefinition {
        inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
        steps = List.copyOf(steps);
    }

    public Optional<StepDefinition> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * The events that start a run: a check file turning red ({@code check_failed}, file names)
     * or a node answering after a wake ({@code node_woke}, node names); "*" matches any.
     */
    public record Triggers(List<String> checkFailed, List<String> nodeWoke) {
        public static final Triggers NONE = new Triggers(List.of(), List.of());

        public Triggers {
            checkFailed = List.copyOf(checkFailed);
            nodeWoke = List.copyOf(nodeWoke);
        }
    }

    /**
     * An input: required when it has no default. With a {@code type}, a value must be (or read
     * as) that type; with {@code choices}, it must be one of them, and each item of a list must.
     */
    public record InputSpec(String name, Object defaultValue, boolean required, String description,
                            Optional<InputType> type, List<Object> choices) {

        public InputSpec {
            choices = List.copyOf(choices);
        }

        /** An input that takes any value. */
        public InputSpec(String name, Object defaultValue, boolean required, String description) {
            this(name, defaultValue, required, description, Optional.empty(), List.of());
        }

        /** The value this input takes for {@code given} (a number read from text, say), or why it takes none. */
        public Object accept(Object given) throws Refused {
            Object value = given;
            if (type.isPresent()) {
                value = type.get().accept(given).orElseThrow(() -> new Refused("is " + type.get().words() + ", not "
                        + Values.shown(given)));
            }
            if (!choices.isEmpty()) {
                for (Object item : value instanceof List<?> list ? list : java.util.Collections.singletonList(value)) {
                    if (choices.stream().noneMatch(choice -> Values.same(choice, item))) {
                        throw new Refused("must be one of " + choices.stream().map(Values::shown)
                                .collect(java.util.stream.Collectors.joining(", ")) + ", not " + Values.shown(item));
                    }
                }
            }
            return value;
        }

        /** Why a value does not fit an input, worded to follow the input's name. */
        public static final class Refused extends Exception {
            private static final long serialVersionUID = 1L;

            Refused(String message) {
                super(message, null, false, false);
            }
        }
    }
}
