package dev.drover.modules.files;

import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.io.IOException;
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

    /**
     * The failed result. Like Ansible's fail_json, a failure that names a path (or dest)
     * also carries that path's owner, group, mode, state and size when it exists.
     */
    public ModuleResult toResult(ModuleContext context) throws IOException {
        ModuleResult.Builder result = ModuleResult.builder().failed(getMessage()).putAll(fields);
        Object path = fields.containsKey("path") ? fields.get("path") : fields.get("dest");
        if (path != null && context != null) {
            try {
                FileState state = new FileFacts().probe(String.valueOf(path)).read(context.target()).state(0);
                result.putAll(FileResults.pathInfo(state));
            } catch (FileModuleError unreadable) {
                // The failure itself is what the user needs; path details are a courtesy.
            }
        }
        return result.build();
    }
}
