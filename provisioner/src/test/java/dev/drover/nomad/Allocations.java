package dev.drover.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/**
 * Allocations and deployments of the double, and what their tasks do once "started": task
 * states and events as Nomad's client reports them (Type, DisplayMessage, ExitCode,
 * DriverError, DownloadError, RestartReason...).
 */
final class Allocations {

    private static final int RESTART_ATTEMPTS = 2;

    private Allocations() {
    }

    static ObjectNode create(JsonNode job, JsonNode group, int index, ObjectNode node, String evalId, long now) {
        ObjectNode alloc = NomadDouble.object();
        alloc.put("ID", UUID.randomUUID().toString());
        alloc.put("Namespace", job.path("Namespace").asText());
        alloc.put("EvalID", evalId);
        alloc.put("Name", job.get("ID").asText() + "." + group.get("Name").asText() + "[" + index + "]");
        alloc.put("NodeID", node.get("ID").asText());
        alloc.put("NodeName", node.get("Name").asText());
        alloc.put("JobID", job.get("ID").asText());
        alloc.set("Job", job.deepCopy());
        alloc.put("JobVersion", job.path("Version").asLong());
        alloc.put("TaskGroup", group.get("Name").asText());
        alloc.put("MemoryMB", DoubleCluster.memoryOf(group));
        alloc.put("DesiredStatus", "run");
        alloc.put("DesiredDescription", "");
        alloc.put("ClientStatus", "pending");
        alloc.put("ClientDescription", "");
        alloc.put("DeploymentID", "");
        alloc.putNull("DeploymentStatus");
        ObjectNode states = alloc.putObject("TaskStates");
        for (JsonNode task : group.path("Tasks")) {
            ObjectNode state = states.putObject(task.get("Name").asText());
            state.put("State", "pending");
            state.put("Failed", false);
            state.put("Restarts", 0);
            state.putNull("StartedAt");
            state.putNull("FinishedAt");
            ArrayNode events = state.putArray("Events");
            events.add(event("Received", "Task received by client"));
        }
        alloc.put("CreateIndex", now);
        alloc.put("ModifyIndex", now);
        alloc.put("CreateTime", System.currentTimeMillis() * 1_000_000L);
        return alloc;
    }

    static ObjectNode deployment(JsonNode job, List<ObjectNode> placed, long now) {
        ObjectNode deployment = NomadDouble.object();
        deployment.put("ID", UUID.randomUUID().toString());
        deployment.put("Namespace", job.path("Namespace").asText());
        deployment.put("JobID", job.get("ID").asText());
        deployment.put("JobVersion", job.path("Version").asLong());
        deployment.put("JobModifyIndex", job.path("JobModifyIndex").asLong());
        deployment.put("JobCreateIndex", job.path("CreateIndex").asLong());
        deployment.put("IsMultiregion", false);
        deployment.put("Status", "running");
        deployment.put("StatusDescription", "Deployment is running");
        ObjectNode groups = deployment.putObject("TaskGroups");
        for (JsonNode group : job.path("TaskGroups")) {
            ObjectNode state = groups.putObject(group.get("Name").asText());
            state.put("AutoRevert", false);
            state.put("AutoPromote", false);
            state.put("Promoted", false);
            state.putNull("PlacedCanaries");
            state.put("DesiredCanaries", 0);
            state.put("DesiredTotal", group.get("Count").asInt());
            state.put("PlacedAllocs", 0);
            state.put("HealthyAllocs", 0);
            state.put("UnhealthyAllocs", 0);
            state.put("ProgressDeadline", 600_000_000_000L);
        }
        for (ObjectNode alloc : placed) {
            alloc.put("DeploymentID", deployment.get("ID").asText());
            ObjectNode state = (ObjectNode) groups.get(alloc.get("TaskGroup").asText());
            state.put("PlacedAllocs", state.get("PlacedAllocs").asInt() + 1);
        }
        deployment.put("CreateIndex", now);
        deployment.put("ModifyIndex", now);
        return deployment;
    }

    /** The tasks start; what happens next depends on what they are. */
    static void runTasks(ObjectNode alloc, long now) {
        JsonNode group = null;
        for (JsonNode g : alloc.get("Job").path("TaskGroups")) {
            if (g.get("Name").asText().equals(alloc.get("TaskGroup").asText())) {
                group = g;
            }
        }
        boolean anyFailed = false;
        for (JsonNode task : group.path("Tasks")) {
            ObjectNode state = (ObjectNode) alloc.get("TaskStates").get(task.get("Name").asText());
            ArrayNode events = state.withArray("Events");
            events.add(event("Task Setup", "Building Task Directory"));
            String command = task.path("Config").path("command").asText("");
            String image = task.path("Config").path("image").asText("");
            String badArtifact = null;
            for (JsonNode artifact : task.path("Artifacts")) {
                if (artifact.path("GetterSource").asText().contains("does-not-exist")) {
                    badArtifact = artifact.path("GetterSource").asText();
                }
            }
            state.put("StartedAt", "2026-01-01T00:00:00Z");
            if (badArtifact != null) {
                ObjectNode failure = event("Failed Artifact Download",
                        "failed to download artifact \"" + badArtifact + "\": bad response code: 404");
                failure.put("DownloadError", "failed to download artifact \"" + badArtifact + "\": bad response code: 404");
                failure.put("FailsTask", true);
                events.add(failure);
                fail(state, events, "Error was unrecoverable");
                anyFailed = true;
            } else if (task.path("Driver").asText().equals("docker") && image.contains("does-not-exist")) {
                ObjectNode failure = event("Driver Failure", "Failed to pull `" + image
                        + "`: Error response from daemon: pull access denied for " + image);
                failure.put("DriverError", "Failed to pull `" + image + "`: Error response from daemon: pull access denied for " + image);
                events.add(failure);
                fail(state, events, "Error was unrecoverable");
                anyFailed = true;
            } else if (command.equals("false") || command.equals("/bin/false")) {
                for (int attempt = 0; attempt <= RESTART_ATTEMPTS; attempt++) {
                    events.add(event("Started", "Task started by client"));
                    ObjectNode exit = event("Terminated", "Exit Code: 1");
                    exit.put("ExitCode", 1);
                    events.add(exit);
                    if (attempt < RESTART_ATTEMPTS) {
                        ObjectNode restart = event("Restarting", "Task restarting in 15.8s");
                        restart.put("RestartReason", "Restart within policy");
                        restart.put("StartDelay", 15_800_000_000L);
                        events.add(restart);
                    }
                }
                state.put("Restarts", RESTART_ATTEMPTS);
                fail(state, events, "Exceeded allowed attempts " + RESTART_ATTEMPTS + " in interval 30m0s and mode is \"fail\"");
                anyFailed = true;
            } else {
                events.add(event("Started", "Task started by client"));
                state.put("State", "running");
            }
        }
        alloc.put("ClientStatus", anyFailed ? "failed" : "running");
        alloc.put("ClientDescription", anyFailed ? "Failed tasks" : "Tasks are running");
        if (!alloc.path("DeploymentID").asText().isEmpty()) {
            ObjectNode health = alloc.putObject("DeploymentStatus");
            health.put("Healthy", !anyFailed);
            health.put("Timestamp", "2026-01-01T00:00:10Z");
            health.put("Canary", false);
            health.put("ModifyIndex", now);
        }
        alloc.put("ModifyIndex", now);
    }

    private static void fail(ObjectNode state, ArrayNode events, String why) {
        ObjectNode notRestarting = event("Not Restarting", why);
        notRestarting.put("RestartReason", why);
        notRestarting.put("FailsTask", true);
        events.add(notRestarting);
        state.put("State", "dead");
        state.put("Failed", true);
        state.put("FinishedAt", "2026-01-01T00:00:30Z");
    }

    static void account(ObjectNode deployment, ObjectNode alloc, long now) {
        ObjectNode state = (ObjectNode) deployment.get("TaskGroups").get(alloc.get("TaskGroup").asText());
        boolean healthy = alloc.get("ClientStatus").asText().equals("running");
        state.put(healthy ? "HealthyAllocs" : "UnhealthyAllocs", state.get(healthy ? "HealthyAllocs" : "UnhealthyAllocs").asInt() + 1);
        boolean anyUnhealthy = false;
        boolean allHealthy = true;
        for (JsonNode group : deployment.get("TaskGroups")) {
            anyUnhealthy |= group.get("UnhealthyAllocs").asInt() > 0;
            allHealthy &= group.get("HealthyAllocs").asInt() >= group.get("DesiredTotal").asInt();
        }
        if (anyUnhealthy) {
            deployment.put("Status", "failed");
            deployment.put("StatusDescription", "Failed due to unhealthy allocations");
        } else if (allHealthy) {
            deployment.put("Status", "successful");
            deployment.put("StatusDescription", "Deployment completed successfully");
        }
        deployment.put("ModifyIndex", now);
    }

    static ObjectNode stub(ObjectNode alloc) {
        ObjectNode stub = alloc.deepCopy();
        stub.remove("Job");
        return stub;
    }

    static String log(JsonNode alloc, String task, String type) {
        JsonNode state = alloc.get("TaskStates").get(task);
        if (type.equals("stderr")) {
            return state.path("Failed").asBoolean() ? task + ": fatal: cannot start\n" : "";
        }
        return state.path("State").asText().equals("pending") ? "" : task + " started on " + alloc.get("NodeName").asText() + "\n";
    }

    static ObjectNode event(String type, String message) {
        ObjectNode event = NomadDouble.object();
        event.put("Type", type);
        event.put("Time", System.currentTimeMillis() * 1_000_000L);
        event.put("DisplayMessage", message);
        event.putObject("Details");
        event.put("Message", "");
        event.put("ExitCode", 0);
        event.put("Signal", 0);
        event.put("DriverError", "");
        event.put("DownloadError", "");
        event.put("RestartReason", "");
        event.put("StartDelay", 0);
        event.put("FailsTask", false);
        return event;
    }
}
