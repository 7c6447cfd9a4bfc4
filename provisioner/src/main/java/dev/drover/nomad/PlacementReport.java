package dev.drover.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Why Nomad could not place a task group, from the evaluation's AllocMetric, in the words of
 * the nomad CLI: nodes filtered by class or constraint, and resources exhausted by dimension.
 */
public final class PlacementReport {

    private PlacementReport() {
    }

    public static String describe(String group, JsonNode metric, String indent) {
        StringBuilder out = new StringBuilder();
        int failed = metric.path("CoalescedFailures").asInt() + 1;
        out.append(indent).append("Task Group \"").append(group).append("\" (failed to place ").append(failed)
                .append(failed == 1 ? " allocation" : " allocations").append("):\n");
        String item = indent + "  * ";
        if (metric.path("NodesEvaluated").asInt() == 0) {
            out.append(item).append("No nodes were eligible for evaluation\n");
        }
        counts(out, metric.path("ClassFiltered"), item + "Class \"%s\": %d nodes excluded by filter\n");
        counts(out, metric.path("ConstraintFiltered"), item + "Constraint \"%s\": %d nodes excluded by filter\n");
        if (metric.path("NodesExhausted").asInt() > 0) {
            out.append(item).append("Resources exhausted on ").append(metric.path("NodesExhausted").asInt()).append(" nodes\n");
        }
        counts(out, metric.path("ClassExhausted"), item + "Class \"%s\" exhausted on %d nodes\n");
        counts(out, metric.path("DimensionExhausted"), item + "Dimension \"%s\" exhausted on %d nodes\n");
        counts(out, metric.path("QuotaExhausted"), item + "Quota limit hit \"%s\"\n");
        return out.toString();
    }

    private static void counts(StringBuilder out, JsonNode counts, String format) {
        if (!counts.isObject()) {
            if (counts.isArray()) {
                counts.forEach(value -> out.append(String.format(format, value.asText(), 0)));
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = counts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            out.append(String.format(format, entry.getKey(), entry.getValue().asInt()));
        }
    }
}
