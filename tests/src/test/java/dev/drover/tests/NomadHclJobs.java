package dev.drover.tests;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * What Nomad's POST /v1/jobs/parse answers for the cluster's jobs (jobs/*.nomad.j2 as drover
 * renders them), for the Nomad double, which parses no HCL itself. hcl4j reads the text; this
 * maps the blocks the jobs use onto the API's JSON job (ID, Type, Datacenters, Meta,
 * Constraints, ParameterizedJob, TaskGroups with Count, Services, Tasks with Driver, Config,
 * DispatchPayload and Resources) —
 * enough for the double to place and run them, not a general HCL-to-JSON job converter.
 *
 * <p>Runtime interpolations (${node.unique.name}, ${NOMAD_PORT_http}) stay as text, as Nomad
 * keeps them in the parsed job; hcl4j would try to evaluate them, so they are hidden from it.
 */
final class NomadHclJobs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HIDDEN = "\u0001{";

    private NomadHclJobs() {
    }

    static ObjectNode parse(String hcl) {
        Map<String, Object> document;
        try {
            document = new HCLParser().parse(hcl.replace("${", HIDDEN));
        } catch (Exception e) {
            throw new IllegalArgumentException("error parsing: " + e.getMessage(), e);
        }
        Map<String, Object> jobs = map(document.get("job"), "job");
        if (jobs.size() != 1) {
            throw new IllegalArgumentException("error parsing: expected one job block, found " + jobs.keySet());
        }
        String name = jobs.keySet().iterator().next();
        Map<String, Object> job = map(jobs.get(name), "job " + name);
        ObjectNode out = JSON.createObjectNode();
        out.put("ID", name);
        out.put("Name", name);
        out.put("Type", text(job.getOrDefault("type", "service")));
        out.put("Priority", 50);
        out.put("Namespace", "default");
        out.put("Region", "global");
        ArrayNode datacenters = out.putArray("Datacenters");
        for (Object dc : list(job.getOrDefault("datacenters", List.of("dc1")))) {
            datacenters.add(text(dc));
        }
        if (job.get("meta") != null) {
            ObjectNode meta = out.putObject("Meta");
            map(job.get("meta"), "meta").forEach((k, v) -> meta.put(k, text(v)));
        }
        constraints(out, job.get("constraint"));
        if (job.get("parameterized") != null) {
            Map<String, Object> parameterized = map(job.get("parameterized"), "parameterized");
            ObjectNode p = out.putObject("ParameterizedJob");
            p.put("Payload", text(parameterized.getOrDefault("payload", "optional")));
            ArrayNode required = p.putArray("MetaRequired");
            list(parameterized.getOrDefault("meta_required", List.of())).forEach(m -> required.add(text(m)));
            ArrayNode optional = p.putArray("MetaOptional");
            list(parameterized.getOrDefault("meta_optional", List.of())).forEach(m -> optional.add(text(m)));
        }
        ArrayNode groups = out.putArray("TaskGroups");
        map(job.get("group"), "group").forEach((groupName, value) -> groups.add(group(groupName, map(value, groupName))));
        return out;
    }

    private static ObjectNode group(String name, Map<String, Object> group) {
        ObjectNode out = JSON.createObjectNode();
        out.put("Name", name);
        out.put("Count", group.get("count") instanceof Number n ? n.intValue() : 1);
        constraints(out, group.get("constraint"));
        if (group.get("service") != null) {
            ArrayNode services = out.putArray("Services");
            for (Object item : blocks(group.get("service"))) {
                Map<String, Object> service = map(item, "service");
                ObjectNode s = services.addObject();
                s.put("Name", text(service.get("name")));
                s.put("PortLabel", text(service.getOrDefault("port", "")));
                s.put("Provider", text(service.getOrDefault("provider", "consul")));
                ArrayNode tags = s.putArray("Tags");
                for (Object tag : list(service.getOrDefault("tags", List.of()))) {
                    tags.add(text(tag));
                }
                if (service.get("check") != null) {
                    ArrayNode checks = s.putArray("Checks");
                    for (Object c : blocks(service.get("check"))) {
                        Map<String, Object> check = map(c, "check");
                        ObjectNode entry = checks.addObject();
                        check.forEach((k, v) -> entry.put(capitalised(k), text(v)));
                    }
                }
            }
        }
        ArrayNode tasks = out.putArray("Tasks");
        map(group.get("task"), "task").forEach((taskName, value) -> {
            Map<String, Object> task = map(value, taskName);
            ObjectNode t = tasks.addObject();
            t.put("Name", taskName);
            t.put("Driver", text(task.get("driver")));
            t.set("Config", JSON.valueToTree(restored(task.getOrDefault("config", Map.of()))));
            if (task.get("dispatch_payload") != null) {
                t.putObject("DispatchPayload").put("File", text(map(task.get("dispatch_payload"), "dispatch_payload").get("file")));
            }
            Map<String, Object> resources = task.get("resources") == null ? Map.of() : map(task.get("resources"), "resources");
            ObjectNode r = t.putObject("Resources");
            r.put("CPU", resources.get("cpu") instanceof Number n ? n.intValue() : 100);
            r.put("MemoryMB", resources.get("memory") instanceof Number n ? n.intValue() : 300);
        });
        return out;
    }

    private static void constraints(ObjectNode out, Object constraint) {
        if (constraint == null) {
            return;
        }
        ArrayNode list = out.putArray("Constraints");
        for (Object item : blocks(constraint)) {
            Map<String, Object> c = map(item, "constraint");
            list.addObject().put("LTarget", text(c.getOrDefault("attribute", ""))).put("RTarget", text(c.getOrDefault("value", "")))
                    .put("Operand", text(c.getOrDefault("operator", "=")));
        }
    }

    /** A block written once is a map, written several times a list of maps. */
    private static List<?> blocks(Object value) {
        return value instanceof List<?> l ? l : List.of(value);
    }

    private static Object restored(Object value) {
        if (value instanceof String s) {
            return s.replace(HIDDEN, "${");
        }
        if (value instanceof List<?> l) {
            return l.stream().map(NomadHclJobs::restored).toList();
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), restored(v)));
            return out;
        }
        return value;
    }

    private static String text(Object value) {
        if (value instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(restored(value));
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of(value);
    }

    private static String capitalised(String key) {
        return Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("error parsing: " + what + " is not a block");
        }
        return (Map<String, Object>) value;
    }
}
