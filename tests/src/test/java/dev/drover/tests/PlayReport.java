package dev.drover.tests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A playbook run as the json stdout callback reports it: every task in order with each
 * host's status, and the recap. Ansible's callback and drover's must give the same shape,
 * so one parser reads both.
 */
record PlayReport(List<TaskReport> tasks, Map<String, HostStats> stats) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One task (or handler, or meta task) as reported; hosts it never ran on are absent.
     * {@code messages} keeps each host's "msg", which says why a task failed or was skipped.
     */
    record TaskReport(int playIndex, String play, int index, String name, Map<String, TaskStatus> hosts,
                      Map<String, String> messages) {

        TaskStatus status(String host) {
            return hosts.get(host);
        }

        String message(String host) {
            return messages.getOrDefault(host, "");
        }

        String describe() {
            return "play " + (playIndex + 1) + " '" + play + "', task " + (index + 1) + " '" + name + "'";
        }
    }

    /** The recap line of one host. */
    record HostStats(int ok, int changed, int failures, int skipped, int unreachable, int rescued, int ignored) {

        static HostStats of(JsonNode node) {
            return new HostStats(node.path("ok").asInt(), node.path("changed").asInt(), node.path("failures").asInt(),
                    node.path("skipped").asInt(), node.path("unreachable").asInt(), node.path("rescued").asInt(),
                    node.path("ignored").asInt());
        }
    }

    static PlayReport parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(jsonDocument(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not the json callback's output: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.has("plays") || !root.has("stats")) {
            throw new IllegalArgumentException("json callback output without plays and stats");
        }
        List<TaskReport> tasks = new ArrayList<>();
        int playIndex = 0;
        for (JsonNode play : root.path("plays")) {
            String playName = play.path("play").path("name").asText();
            int taskIndex = 0;
            for (JsonNode task : play.path("tasks")) {
                Map<String, TaskStatus> hosts = new TreeMap<>();
                Map<String, String> messages = new TreeMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = task.path("hosts").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> host = it.next();
                    hosts.put(host.getKey(), TaskStatus.of(host.getValue()));
                    JsonNode msg = host.getValue().path("msg");
                    if (!msg.isMissingNode() && !msg.isNull()) {
                        messages.put(host.getKey(), msg.isTextual() ? msg.asText() : msg.toString());
                    }
                }
                tasks.add(new TaskReport(playIndex, playName, taskIndex++, task.path("task").path("name").asText(),
                        Collections.unmodifiableMap(hosts), Collections.unmodifiableMap(messages)));
            }
            playIndex++;
        }
        Map<String, HostStats> stats = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("stats").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> host = it.next();
            stats.put(host.getKey(), HostStats.of(host.getValue()));
        }
        return new PlayReport(List.copyOf(tasks), Collections.unmodifiableMap(stats));
    }

    /** Tasks that reported changed on the host. */
    List<TaskReport> changedTasks(String host) {
        return tasks.stream().filter(task -> task.status(host) == TaskStatus.CHANGED).toList();
    }

    /**
     * The JSON document in the output. Only the document should be on stdout, but a plugin or
     * a library may print a line first; the document is the first line that opens an object.
     */
    private static String jsonDocument(String output) {
        if (output.startsWith("{")) {
            return output;
        }
        int start = output.indexOf("\n{");
        return start < 0 ? output : output.substring(start + 1);
    }
}
