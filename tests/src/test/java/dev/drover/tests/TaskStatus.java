package dev.drover.tests;

import com.fasterxml.jackson.databind.JsonNode;

/** How one task ended on one host, as the recap counts it. */
enum TaskStatus {
    OK, CHANGED, FAILED, SKIPPED, UNREACHABLE;

    /** Reads a host's result from Ansible's json callback; the checks run in Ansible's own order of precedence. */
    static TaskStatus of(JsonNode result) {
        if (result.path("unreachable").asBoolean(false)) {
            return UNREACHABLE;
        }
        if (result.path("failed").asBoolean(false)) {
            return FAILED;
        }
        if (result.path("skipped").asBoolean(false)) {
            return SKIPPED;
        }
        if (result.path("changed").asBoolean(false)) {
            return CHANGED;
        }
        return OK;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
