package dev.drover.modules.files;

import dev.drover.modules.ModuleResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file operation that cannot go on, with the message and extra result fields Ansible
 * reports for it (path, rc, details, ...). Modules catch it at the top of {@code run} and
 * turn it into a failed result; it never escapes to the executor.
 */
public final class FileModuleError extends Exception {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    public FileModuleError(String msg) {
        super(msg, null, false, false);
    }

    public FileModuleError with(String field, Object value) {
        if (value != null) {
            fields.put(field, value);
        }
        return this;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public ModuleResult toResult() {
        return ModuleResult.builder().failed(getMessage()).putAll(fields).build();
    }
}
