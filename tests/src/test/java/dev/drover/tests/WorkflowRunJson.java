package dev.drover.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading a run as the agent's API gives it (GET /api/v1/workflows/runs/:id), for the workflow lab tests. */
final class WorkflowRunJson {

    private WorkflowRunJson() {
    }

    static JsonNode step(JsonNode run, String id) {
        for (JsonNode step : run.get("steps")) {
            if (step.get("id").asText().equals(id)) {
                return step;
            }
        }
        throw new AssertionError("no step " + id + " in " + run);
    }

    /** Each step's status, in the file's order. */
    static List<String> statuses(JsonNode run) {
        List<String> statuses = new ArrayList<>();
        run.get("steps").forEach(step -> statuses.add(step.get("status").asText()));
        return statuses;
    }

    static long duration(JsonNode run, String id) {
        return step(run, id).get("duration_ms").asLong();
    }
}
