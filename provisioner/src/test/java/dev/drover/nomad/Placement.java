package dev.drover.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The double's bin packing: filters nodes by eligibility, class and constraints, then places
 * allocations on the node with the most free memory. When some cannot be placed it returns
 * the AllocMetric Nomad puts in FailedTGAllocs (field names as in Nomad's API), else null.
 */
final class Placement {

    private Placement() {
    }

    static ObjectNode place(List<ObjectNode> nodes, Map<String, Integer> free, JsonNode job, JsonNode group, int count,
                            List<ObjectNode> chosen) {
        List<JsonNode> constraints = new ArrayList<>();
        job.path("Constraints").forEach(constraints::add);
        group.path("Constraints").forEach(constraints::add);
        ObjectNode metric = NomadDouble.object();
        metric.put("NodesEvaluated", 0);
        metric.put("NodesFiltered", 0);
        metric.put("NodesInPool", nodes.size());
        metric.putObject("NodesAvailable").put("dc1", 0);
        ObjectNode classFiltered = metric.putObject("ClassFiltered");
        ObjectNode constraintFiltered = metric.putObject("ConstraintFiltered");
        metric.put("NodesExhausted", 0);
        metric.putObject("ClassExhausted");
        ObjectNode dimensions = metric.putObject("DimensionExhausted");
        metric.putNull("QuotaExhausted");
        metric.putNull("ResourcesExhausted");
        metric.putNull("ScoreMetaData");
        metric.put("AllocationTime", 41000);
        metric.put("CoalescedFailures", 0);
        List<ObjectNode> feasible = new ArrayList<>();
        for (ObjectNode node : nodes) {
            // A node that is down (asleep, switched off) or ineligible takes nothing.
            if (!node.path("SchedulingEligibility").asText().equals("eligible") || !node.path("Status").asText("ready").equals("ready")) {
                continue;
            }
            metric.with("NodesAvailable").put("dc1", metric.path("NodesAvailable").path("dc1").asInt() + 1);
            metric.put("NodesEvaluated", metric.get("NodesEvaluated").asInt() + 1);
            JsonNode failing = constraints.stream().filter(c -> !satisfies(node, c)).findFirst().orElse(null);
            if (failing == null) {
                feasible.add(node);
                continue;
            }
            metric.put("NodesFiltered", metric.get("NodesFiltered").asInt() + 1);
            if (failing.path("LTarget").asText().equals("${node.class}")) {
                String nodeClass = node.path("NodeClass").asText();
                classFiltered.put(nodeClass, classFiltered.path(nodeClass).asInt() + 1);
            } else {
                String text = failing.path("LTarget").asText() + " " + failing.path("Operand").asText("=") + " "
                        + failing.path("RTarget").asText();
                constraintFiltered.put(text, constraintFiltered.path(text).asInt() + 1);
            }
        }
        int memory = DoubleCluster.memoryOf(group);
        int placed = 0;
        for (int i = 0; i < count; i++) {
            ObjectNode best = null;
            for (ObjectNode node : feasible) {
                int left = free.get(node.get("ID").asText());
                if (left >= memory && (best == null || left > free.get(best.get("ID").asText()))) {
                    best = node;
                }
            }
            if (best == null) {
                break;
            }
            free.merge(best.get("ID").asText(), -memory, Integer::sum);
            chosen.add(best);
            placed++;
        }
        if (placed == count) {
            return null;
        }
        int exhausted = (int) feasible.stream().filter(n -> free.get(n.get("ID").asText()) < memory).count();
        metric.put("NodesExhausted", exhausted);
        if (exhausted > 0) {
            dimensions.put("memory", exhausted);
        }
        metric.put("CoalescedFailures", count - placed - 1);
        return metric;
    }

    private static boolean satisfies(JsonNode node, JsonNode constraint) {
        String left = resolve(node, constraint.path("LTarget").asText());
        String right = resolve(node, constraint.path("RTarget").asText());
        return switch (constraint.path("Operand").asText("=")) {
            case "=", "==", "is" -> left != null && left.equals(right);
            case "!=", "not" -> left == null || !left.equals(right);
            case "is_set" -> left != null;
            case "is_not_set" -> left == null;
            default -> true;
        };
    }

    private static String resolve(JsonNode node, String target) {
        if (!target.startsWith("${")) {
            return target;
        }
        String name = target.substring(2, target.length() - 1);
        if (name.equals("node.class")) {
            return node.path("NodeClass").asText();
        }
        if (name.equals("node.unique.name")) {
            return node.path("Name").asText();
        }
        if (name.equals("node.datacenter")) {
            return node.path("Datacenter").asText();
        }
        if (name.startsWith("attr.")) {
            JsonNode value = node.path("Attributes").path(name.substring(5));
            return value.isMissingNode() ? null : value.asText();
        }
        if (name.startsWith("meta.")) {
            JsonNode value = node.path("Meta").path(name.substring(5));
            return value.isMissingNode() ? null : value.asText();
        }
        return null;
    }
}
