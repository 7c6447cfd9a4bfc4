package dev.drover.agent.workflow;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The step types an agent knows, by name. The agent registers its built-in types when it
 * starts; another type (the llm step) plugs in with one {@link #register} call.
 */
public final class StepTypes {

    private final Map<String, StepType> types = new ConcurrentHashMap<>();

    public StepTypes register(StepType type) {
        if (types.putIfAbsent(type.name(), type) != null) {
            throw new IllegalArgumentException("step type '" + type.name() + "' is registered twice");
        }
        return this;
    }

    public Optional<StepType> named(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public Set<String> names() {
        return new TreeSet<>(types.keySet());
    }
}
