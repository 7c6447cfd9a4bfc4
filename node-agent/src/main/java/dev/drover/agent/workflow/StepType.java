package dev.drover.agent.workflow;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A kind of step ({@code type: shell}, {@code http}, ...): the arguments it accepts, checked
 * when a workflow file is loaded, and what it does with them once they are rendered.
 * Registered in {@link StepTypes}; the engine knows no type by name.
 */
public interface StepType {

    String name();

    /** Every argument key this type accepts besides the common ones (id, needs, when, ...). */
    Set<String> arguments();

    /** The arguments a step of this type must have. */
    default Set<String> required() {
        return Set.of();
    }

    /**
     * True for a type that mostly waits on something outside (a person's approval, a
     * sub-workflow): its steps hold no worker slot of {@code workflows.parallelism}.
     */
    default boolean waits() {
        return false;
    }

    /**
     * Runs one attempt. A thrown exception is a failed attempt with its message; a timeout
     * interrupts the thread, so a step that blocks must answer to interruption.
     */
    StepResult run(StepCall call) throws Exception;

    /**
     * A type whose whole work is a function of its rendered arguments to its outputs, such as
     * the llm step's adapter: {@code types.register(StepType.of("llm", LlmStep.ARGUMENTS, Set.of("model"), llm::run))}.
     * {@code timeout} is a key every step has (the engine interrupts an attempt after it); when
     * the type lists it among its arguments, the function also gets it, in seconds, so that its
     * own client can give up first and say why.
     */
    static StepType of(String name, Set<String> arguments, Set<String> required,
                       Function<Map<String, Object>, Map<String, Object>> run) {
        return new StepType() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<String> arguments() {
                return arguments;
            }

            @Override
            public Set<String> required() {
                return required;
            }

            @Override
            public StepResult run(StepCall call) {
                Map<String, Object> args = new java.util.LinkedHashMap<>(call.args());
                if (arguments.contains("timeout")) {
                    call.timeout().ifPresent(t -> args.putIfAbsent("timeout", t.toMillis() / 1000.0));
                }
                return StepResult.ok(run.apply(java.util.Collections.unmodifiableMap(args)));
            }
        };
    }
}
