package dev.drover.modules.system;

import dev.drover.modules.ModuleResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A system module cannot go on: the message and the extra fields Ansible's fail_json adds
 * (rc, stdout, stderr, ...). Thrown inside a module and turned into a failed result by
 * {@link SystemModule}; it never reaches the executor.
 */
final class ModuleFailure extends Exception {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    ModuleFailure(String msg) {
        super(msg, null, false, false);
    }

    ModuleFailure with(String field, Object value) {
        if (value != null) {
            fields.put(field, value);
        }
        return this;
    }

    ModuleResult toResult() {
        return ModuleResult.builder().failed(getMessage()).putAll(fields).build();
    }
}
