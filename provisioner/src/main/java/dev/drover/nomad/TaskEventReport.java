package dev.drover.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Why an allocation's tasks failed, from their task states, as Levant's inspectors told it:
 * the events that explain a failure (driver failure, artifact download, exit codes, restarts,
 * kills), with the error text the client recorded, not the whole event log.
 */
public final class TaskEventReport {

    private static final Set<String> TELLING = Set.of("Driver Failure", "Failed Artifact Download", "Terminated",
            "Not Restarting", "Killing", "Killed", "Setup Failure", "Failed Validation", "Template", "Sibling Task Failed",
            "Restart Signaled", "Task hook failed", "Alloc Unhealthy");

    private TaskEventReport() {
    }

    public static String describe(JsonNode allocation, String indent) {
        StringBuilder out = new StringBuilder();
        out.append(indent).append("Allocation \"").append(shortId(allocation.path("ID").asText())).append("\" (")
                .append(allocation.path("Name").asText()).append(" on ").append(allocation.path("NodeName").asText())
                .append(") is ").append(allocation.path("ClientStatus").asText()).append(":\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = allocation.path("TaskStates").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> task = it.next();
            JsonNode state = task.getValue();
            int restarts = state.path("Restarts").asInt();
            out.append(indent).append("  Task \"").append(task.getKey()).append("\" is ").append(state.path("State").asText());
            if (state.path("Failed").asBoolean()) {
                out.append(", failed");
            }
            if (restarts > 0) {
                out.append(", restarted ").append(restarts).append(restarts == 1 ? " time" : " times");
            }
            out.append('\n');
            JsonNode previous = null;
            for (JsonNode event : state.path("Events")) {
                String type = event.path("Type").asText();
                if (!TELLING.contains(type)) {
                    continue;
                }
                String line = "    * " + type + ": " + detail(event);
                // a crash loop repeats the same Terminated event: say it once
                if (previous == null || !line.equals("    * " + previous.path("Type").asText() + ": " + detail(previous))) {
                    out.append(indent).append(line).append('\n');
                }
                previous = event;
            }
        }
        return out.toString();
    }

    private static String detail(JsonNode event) {
        String type = event.path("Type").asText();
        if (type.equals("Driver Failure") && !event.path("DriverError").asText().isEmpty()) {
            return event.path("DriverError").asText();
        }
        if (type.equals("Failed Artifact Download") && !event.path("DownloadError").asText().isEmpty()) {
            return event.path("DownloadError").asText();
        }
        if (type.equals("Terminated")) {
            String text = "exit code " + event.path("ExitCode").asInt();
            if (event.path("Signal").asInt() != 0) {
                text += ", signal " + event.path("Signal").asInt();
            }
            if (event.path("Details").path("oom_killed").asText().equals("true")) {
                text += ", OOM killed";
            }
            return text;
        }
        for (String field : new String[] {"DisplayMessage", "RestartReason", "KillError", "SetupError",
                "ValidationError", "Message"}) {
            if (!event.path(field).asText("").isEmpty()) {
                return event.path(field).asText();
            }
        }
        return "(no details)";
    }

    static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
