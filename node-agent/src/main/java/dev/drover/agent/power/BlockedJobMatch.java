package dev.drover.agent.power;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Could this sleeping node take the blocked job once awake? Decided from the node as Nomad last
 * knew it (GET /v1/node/:id: class, datacenter, meta, attributes) and the job: its datacenters,
 * and the constraints of the job, of the task groups that failed to place and of their tasks.
 * Constraints on targets this cannot read (anything but node.class, node.datacenter,
 * node.unique.name/id, node.pool, meta.*, attr.*) or with operands it does not evaluate
 * (version, semver, lexical, distinct_*) count as satisfied: waking a node that then does not
 * fit costs a wake; not waking one that would have fit leaves the job waiting. Resources
 * (memory, CPU, devices) are not compared: Nomad's down node reports its capacity, but the
 * evaluation may have failed on any of them. See docs/power.md, "Wake on demand".
 */
public final class BlockedJobMatch {

    private BlockedJobMatch() {
    }

    /** Empty when the node matches; otherwise why not, e.g. {@code constraint ${meta.node_type} = gpu: node has cpu}. */
    public static Optional<String> mismatch(JsonNode job, Set<String> failedGroups, JsonNode node) {
        List<String> datacenters = new ArrayList<>();
        job.path("Datacenters").forEach(dc -> datacenters.add(dc.asText()));
        String nodeDc = node.path("Datacenter").asText();
        if (!datacenters.isEmpty() && datacenters.stream().noneMatch(dc -> glob(dc, nodeDc))) {
            return Optional.of("datacenter " + nodeDc + " is not one of " + String.join(", ", datacenters));
        }
        for (JsonNode constraint : constraints(job, failedGroups)) {
            Optional<String> failed = check(constraint, node);
            if (failed.isPresent()) {
                return failed;
            }
        }
        return Optional.empty();
    }

    private static List<JsonNode> constraints(JsonNode job, Set<String> failedGroups) {
        List<JsonNode> all = new ArrayList<>();
        job.path("Constraints").forEach(all::add);
        for (JsonNode group : job.path("TaskGroups")) {
            if (!failedGroups.isEmpty() && !failedGroups.contains(group.path("Name").asText())) {
                continue;
            }
            group.path("Constraints").forEach(all::add);
            for (JsonNode task : group.path("Tasks")) {
                task.path("Constraints").forEach(all::add);
            }
        }
        return all;
    }

    private static Optional<String> check(JsonNode constraint, JsonNode node) {
        String lTarget = constraint.path("LTarget").asText("");
        String rTarget = constraint.path("RTarget").asText("");
        String operand = constraint.path("Operand").asText("=");
        if (operand.isEmpty()) {
            operand = "=";
        }
        Resolved left = resolve(node, lTarget);
        Resolved right = resolve(node, rTarget);
        if (!left.known() || !right.known()) {
            return Optional.empty();
        }
        String l = left.value();
        String r = right.value();
        boolean holds = switch (operand) {
            case "=", "==", "is" -> l != null && l.equals(r);
            case "!=", "not" -> l == null || !l.equals(r);
            case "is_set" -> l != null;
            case "is_not_set" -> l == null;
            case "regexp" -> l != null && r != null && regexp(r, l);
            case "set_contains", "set_contains_all" -> l != null && r != null && items(l).containsAll(items(r));
            case "set_contains_any" -> l != null && r != null && items(r).stream().anyMatch(items(l)::contains);
            default -> true;
        };
        if (holds) {
            return Optional.empty();
        }
        String text = lTarget + " " + operand + (rTarget.isEmpty() ? "" : " " + rTarget);
        return Optional.of("constraint " + text + ": the node has " + (l == null ? "none" : l));
    }

    /** A target's value on this node; {@code known} false for targets this cannot read from the node record. */
    private record Resolved(boolean known, String value) {
    }

    private static Resolved resolve(JsonNode node, String target) {
        if (!target.startsWith("${") || !target.endsWith("}")) {
            return new Resolved(true, target);
        }
        String name = target.substring(2, target.length() - 1);
        return switch (name) {
            case "node.class" -> new Resolved(true, node.path("NodeClass").asText(""));
            case "node.datacenter" -> new Resolved(true, node.path("Datacenter").asText());
            case "node.unique.name" -> new Resolved(true, node.path("Name").asText());
            case "node.unique.id" -> new Resolved(true, node.path("ID").asText());
            case "node.pool" -> new Resolved(true, node.path("NodePool").asText("default"));
            default -> {
                if (name.startsWith("meta.")) {
                    yield value(node.path("Meta"), name.substring(5));
                }
                if (name.startsWith("attr.")) {
                    yield value(node.path("Attributes"), name.substring(5));
                }
                yield new Resolved(false, null);
            }
        };
    }

    private static Resolved value(JsonNode map, String key) {
        JsonNode value = map.path(key);
        return new Resolved(true, value.isMissingNode() || value.isNull() ? null : value.asText());
    }

    private static Set<String> items(String list) {
        Set<String> items = new HashSet<>();
        Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(items::add);
        return items;
    }

    private static boolean regexp(String pattern, String value) {
        try {
            return Pattern.compile(pattern).matcher(value).find();
        } catch (PatternSyntaxException e) {
            return true;
        }
    }

    /** Nomad's datacenters accept globs ("dc*", "*") since 1.5. */
    private static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }
}
