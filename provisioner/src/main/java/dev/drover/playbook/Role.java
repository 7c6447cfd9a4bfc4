package dev.drover.playbook;

import dev.drover.yaml.Frozen;
import java.nio.file.Path;
import java.util.Map;

/** A role as a task sees it: its name and folder, defaults, vars, and the params it was given in the play. */
public record Role(String name, Path path, Map<String, Object> defaults, Map<String, Object> vars,
                   Map<String, Object> params) {
    public Role {
        defaults = Frozen.copy(defaults);
        vars = Frozen.copy(vars);
        params = Frozen.copy(params);
    }

    @Override
    public String toString() {
        return name;
    }
}
