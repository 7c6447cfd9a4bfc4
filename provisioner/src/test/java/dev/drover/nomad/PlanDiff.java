package dev.drover.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The double's job diff in the shape of Nomad's JobDiff: Type (Added, Deleted, Edited, None),
 * ID, Fields (Type, Name, Old, New, Annotations), Objects (nested ObjectDiffs), TaskGroups
 * (with Tasks and Updates). Primitive values are strings, as Nomad sends them; maps of
 * primitives flatten to "Meta[key]" fields; lists are compared as a whole.
 */
final class PlanDiff {

    private PlanDiff() {
    }

    static JsonNode of(JsonNode old, JsonNode now) {
        ObjectNode diff = NomadDouble.object();
        diff.put("ID", now.get("ID").asText());
        ArrayNode fields = diff.putArray("Fields");
        ArrayNode objects = diff.putArray("Objects");
        compare(old, now, fields, objects, Set.of("TaskGroups", "ID"));
        ArrayNode groups = diff.putArray("TaskGroups");
        for (String name : names(old, now, "TaskGroups")) {
            groups.add(group(named(old, "TaskGroups", name), named(now, "TaskGroups", name), name));
        }
        boolean changed = !fields.isEmpty() || !objects.isEmpty()
                || groups.findValues("Type").stream().anyMatch(t -> !t.asText().equals("None"));
        diff.put("Type", old == null ? "Added" : changed ? "Edited" : "None");
        return diff;
    }

    private static ObjectNode group(JsonNode old, JsonNode now, String name) {
        ObjectNode diff = NomadDouble.object();
        diff.put("Name", name);
        ArrayNode fields = diff.putArray("Fields");
        ArrayNode objects = diff.putArray("Objects");
        compare(old, now, fields, objects, Set.of("Tasks", "Name"));
        ArrayNode tasks = diff.putArray("Tasks");
        boolean tasksChanged = false;
        for (String task : names(old, now, "Tasks")) {
            ObjectNode taskDiff = NomadDouble.object();
            JsonNode oldTask = named(old, "Tasks", task);
            JsonNode newTask = named(now, "Tasks", task);
            taskDiff.put("Name", task);
            ArrayNode taskFields = taskDiff.putArray("Fields");
            ArrayNode taskObjects = taskDiff.putArray("Objects");
            compare(oldTask, newTask, taskFields, taskObjects, Set.of("Name"));
            String type = type(oldTask, newTask, !taskFields.isEmpty() || !taskObjects.isEmpty());
            taskDiff.put("Type", type);
            ArrayNode annotations = taskDiff.putArray("Annotations");
            if (type.equals("Edited")) {
                annotations.add("forces create/destroy update");
                tasksChanged = true;
            }
            tasks.add(taskDiff);
        }
        String type = type(old, now, !fields.isEmpty() || !objects.isEmpty() || tasksChanged);
        diff.put("Type", type);
        ObjectNode updates = diff.putObject("Updates");
        int count = now == null ? 0 : now.path("Count").asInt(1);
        int oldCount = old == null ? 0 : old.path("Count").asInt(1);
        switch (type) {
            case "Added" -> updates.put("create", count);
            case "Deleted" -> updates.put("destroy", oldCount);
            case "None" -> updates.put("ignore", count);
            default -> {
                if (tasksChanged) {
                    updates.put("create/destroy update", Math.min(count, oldCount));
                } else {
                    updates.put("in-place update", Math.min(count, oldCount));
                }
                if (count > oldCount) {
                    updates.put("create", count - oldCount);
                } else if (oldCount > count) {
                    updates.put("destroy", oldCount - count);
                }
            }
        }
        return diff;
    }

    private static String type(JsonNode old, JsonNode now, boolean changed) {
        return old == null ? "Added" : now == null ? "Deleted" : changed ? "Edited" : "None";
    }

    /** Fields and nested objects of two objects (either may be null). */
    private static void compare(JsonNode old, JsonNode now, ArrayNode fields, ArrayNode objects, Set<String> skip) {
        Set<String> keys = new LinkedHashSet<>();
        if (old != null) {
            old.fieldNames().forEachRemaining(keys::add);
        }
        if (now != null) {
            now.fieldNames().forEachRemaining(keys::add);
        }
        for (String key : keys) {
            if (skip.contains(key)) {
                continue;
            }
            JsonNode a = old == null ? null : nullable(old.get(key));
            JsonNode b = now == null ? null : nullable(now.get(key));
            if (a == null && b == null) {
                continue;
            }
            JsonNode sample = b != null ? b : a;
            if (sample.isObject() && primitives(sample) && (key.equals("Meta") || key.equals("Env"))) {
                compareMap(key, a, b, fields);
            } else if (sample.isObject()) {
                ArrayNode subFields = NomadDouble.JSON.createArrayNode();
                ArrayNode subObjects = NomadDouble.JSON.createArrayNode();
                compare(a, b, subFields, subObjects, Set.of());
                if (!subFields.isEmpty() || !subObjects.isEmpty()) {
                    ObjectNode object = objects.addObject();
                    object.put("Type", a == null ? "Added" : b == null ? "Deleted" : "Edited");
                    object.put("Name", key);
                    object.set("Fields", subFields);
                    object.set("Objects", subObjects);
                }
            } else {
                field(fields, key, a == null ? null : text(a), b == null ? null : text(b));
            }
        }
    }

    private static void compareMap(String name, JsonNode old, JsonNode now, ArrayNode fields) {
        Set<String> keys = new LinkedHashSet<>();
        if (old != null) {
            old.fieldNames().forEachRemaining(keys::add);
        }
        if (now != null) {
            now.fieldNames().forEachRemaining(keys::add);
        }
        for (String key : keys) {
            field(fields, name + "[" + key + "]", old == null || !old.has(key) ? null : text(old.get(key)),
                    now == null || !now.has(key) ? null : text(now.get(key)));
        }
    }

    private static void field(ArrayNode fields, String name, String old, String now) {
        if (old != null && old.equals(now)) {
            return;
        }
        ObjectNode field = fields.addObject();
        field.put("Type", old == null ? "Added" : now == null ? "Deleted" : "Edited");
        field.put("Name", name);
        field.put("Old", old == null ? "" : old);
        field.put("New", now == null ? "" : now);
        field.putNull("Annotations");
    }

    private static boolean primitives(JsonNode object) {
        for (JsonNode value : object) {
            if (value.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode nullable(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static Set<String> names(JsonNode old, JsonNode now, String list) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode side : new JsonNode[] {old, now}) {
            if (side != null) {
                side.path(list).forEach(item -> names.add(item.path("Name").asText()));
            }
        }
        return names;
    }

    private static JsonNode named(JsonNode parent, String list, String name) {
        if (parent == null) {
            return null;
        }
        for (JsonNode item : parent.path(list)) {
            if (item.path("Name").asText().equals(name)) {
                return item;
            }
        }
        return null;
    }
}
