package dev.drover.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A plan response as {@code nomad job plan} prints it: the diff with +, -, +/- markers per
 * job, task group, task, object and field, then the scheduler's dry run and the check index.
 */
public final class PlanReport {

    private PlanReport() {
    }

    /** True when the diff changes anything. */
    public static boolean changes(JsonNode plan) {
        return !plan.path("Diff").path("Type").asText("None").equals("None");
    }

    public static String render(JsonNode plan, String fileName) {
        StringBuilder out = new StringBuilder();
        JsonNode diff = plan.path("Diff");
        out.append(marker(diff)).append("Job: \"").append(diff.path("ID").asText()).append("\"\n");
        fields(out, diff.path("Fields"), "");
        objects(out, diff.path("Objects"), "");
        for (JsonNode group : diff.path("TaskGroups")) {
            out.append(marker(group)).append("Task Group: \"").append(group.path("Name").asText()).append('"');
            String updates = updates(group.path("Updates"));
            if (!updates.isEmpty()) {
                out.append(" (").append(updates).append(')');
            }
            out.append('\n');
            fields(out, group.path("Fields"), "  ");
            objects(out, group.path("Objects"), "  ");
            for (JsonNode task : group.path("Tasks")) {
                out.append("  ").append(marker(task)).append("Task: \"").append(task.path("Name").asText()).append('"');
                if (task.path("Annotations").size() > 0) {
                    out.append(" (").append(join(task.path("Annotations"))).append(')');
                }
                out.append('\n');
                fields(out, task.path("Fields"), "    ");
                objects(out, task.path("Objects"), "    ");
            }
        }
        out.append("\nScheduler dry-run:\n");
        JsonNode failed = plan.path("FailedTGAllocs");
        if (!failed.isObject() || failed.isEmpty()) {
            out.append("- All tasks successfully allocated.\n");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = failed.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> group = it.next();
                out.append("- WARNING: Failed to place all allocations.\n");
                out.append(PlacementReport.describe(group.getKey(), group.getValue(), "  "));
            }
        }
        long index = plan.path("JobModifyIndex").asLong();
        out.append("\nJob Modify Index: ").append(index).append('\n');
        out.append("To submit the job with version verification run:\n\n");
        out.append("drover nomad run --check-index ").append(index).append(' ').append(fileName).append('\n');
        return out.toString();
    }

    private static void fields(StringBuilder out, JsonNode fields, String indent) {
        for (JsonNode field : fields) {
            String type = field.path("Type").asText();
            out.append(indent).append("  ").append(marker(field)).append(field.path("Name").asText()).append(": ");
            switch (type) {
                case "Added" -> out.append(quote(field.path("New").asText()));
                case "Deleted" -> out.append(quote(field.path("Old").asText()));
                case "Edited" -> out.append(quote(field.path("Old").asText())).append(" => ")
                        .append(quote(field.path("New").asText()));
                default -> out.append(quote(field.path("New").asText()));
            }
            if (field.path("Annotations").size() > 0) {
                out.append(" (").append(join(field.path("Annotations"))).append(')');
            }
            out.append('\n');
        }
    }

    private static void objects(StringBuilder out, JsonNode objects, String indent) {
        for (JsonNode object : objects) {
            out.append(indent).append("  ").append(marker(object)).append(object.path("Name").asText()).append(" {\n");
            fields(out, object.path("Fields"), indent + "  ");
            objects(out, object.path("Objects"), indent + "  ");
            out.append(indent).append("    }\n");
        }
    }

    private static String marker(JsonNode diff) {
        return switch (diff.path("Type").asText()) {
            case "Added" -> "+ ";
            case "Deleted" -> "- ";
            case "Edited" -> "+/- ";
            default -> "";
        };
    }

    private static String updates(JsonNode updates) {
        StringBuilder text = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = updates.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> update = it.next();
            if (update.getValue().asInt() == 0) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(update.getValue().asInt()).append(' ').append(update.getKey());
        }
        return text.toString();
    }

    private static String join(JsonNode strings) {
        StringBuilder text = new StringBuilder();
        for (JsonNode s : strings) {
            text.append(text.isEmpty() ? "" : ", ").append(s.asText());
        }
        return text.toString();
    }

    private static String quote(String value) {
        return '"' + value + '"';
    }
}
