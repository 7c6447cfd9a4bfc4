package dev.drover.modules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a module reports, keyed by Ansible's field names (changed, failed, msg, rc, stdout,
 * stdout_lines, stderr, diff, ...) so that {@code register} and {@code when} keep working
 * for playbooks written against Ansible. Immutable; build with {@link #builder()}.
 */
public final class ModuleResult {

    private final Map<String, Object> fields;

    private ModuleResult(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ModuleResult ok(String msg) {
        return builder().changed(false).msg(msg).build();
    }

    public static ModuleResult changed(String msg) {
        return builder().changed(true).msg(msg).build();
    }

    public static ModuleResult failed(String msg) {
        return builder().failed(msg).build();
    }

    public boolean isChanged() {
        return Boolean.TRUE.equals(fields.get("changed"));
    }

    public boolean isFailed() {
        return Boolean.TRUE.equals(fields.get("failed"));
    }

    public boolean isSkipped() {
        return Boolean.TRUE.equals(fields.get("skipped"));
    }

    public String msg() {
        Object msg = fields.get("msg");
        return msg == null ? null : String.valueOf(msg);
    }

    public Object get(String field) {
        return fields.get(field);
    }

    /** The fields as {@code register} stores them. */
    public Map<String, Object> fields() {
        return fields;
    }

    /** A copy with more fields set (or replaced). */
    public ModuleResult with(String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(field, value);
        return new ModuleResult(copy);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> diffs() {
        Object diff = fields.get("diff");
        if (diff instanceof Map<?, ?> one) {
            return List.of((Map<String, Object>) one);
        }
        if (diff instanceof List<?> many) {
            return (List<Map<String, Object>>) many;
        }
        return List.of();
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder() {
            fields.put("changed", false);
        }

        public Builder changed(boolean changed) {
            fields.put("changed", changed);
            return this;
        }

        public Builder failed(String msg) {
            fields.put("failed", true);
            fields.put("msg", msg);
            return this;
        }

        public Builder msg(String msg) {
            if (msg != null) {
                fields.put("msg", msg);
            }
            return this;
        }

        /** A before/after pair shown by {@code --diff}, in Ansible's diff shape. */
        public Builder diff(String beforeHeader, String before, String afterHeader, String after) {
            Map<String, Object> diff = new LinkedHashMap<>();
            diff.put("before_header", beforeHeader);
            diff.put("before", before);
            diff.put("after_header", afterHeader);
            diff.put("after", after);
            fields.put("diff", diff);
            return this;
        }

        public Builder put(String field, Object value) {
            fields.put(field, value);
            return this;
        }

        public Builder putAll(Map<String, ?> more) {
            fields.putAll(more);
            return this;
        }

        public ModuleResult build() {
            return new ModuleResult(fields);
        }
    }
}
