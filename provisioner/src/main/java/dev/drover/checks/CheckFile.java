package dev.drover.checks;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import dev.drover.yaml.AnsibleYaml;
import dev.drover.yaml.YamlMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A check file as loaded for one host: templated, parsed and validated. */
public record CheckFile(Path path, List<Check> checks) {

    public CheckFile {
        checks = List.copyOf(checks);
    }

    /**
     * Reads, templates (Jinja, with these variables) and validates; UserError with file:line.
     * The whole text is rendered before it is parsed, as Goss does, so a template may produce
     * whole checks ({@code {% for %}}); a template that adds no lines keeps positions exact.
     */
    public static CheckFile load(Path path, Map<String, Object> variables) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError("the check file does not exist", SourceLocation.of(path), "check the path given on the command line");
        } catch (IOException e) {
            throw new UserError("cannot read the check file: " + e, SourceLocation.of(path),
                    "check the path given on the command line");
        }
        return parse(text, path, variables);
    }

    /** {@link #load} for text already in hand (tests, the agent's config). */
    public static CheckFile parse(String text, Path label, Map<String, Object> variables) {
        String rendered;
        if (Templar.hasTemplate(text)) {
            try {
                rendered = new Templar().renderText(text, TemplateScope.of(variables));
            } catch (UserError e) {
                String message = e.getMessage().replaceFirst("(?s) \\(in template \".*$", "");
                throw new UserError("templating failed: " + message, lineOf(text, message, label),
                        "define the variable in the inventory (group_vars/host_vars) or guard it with | default(...)");
            }
        } else {
            rendered = text;
        }
        Object document = AnsibleYaml.loadString(rendered, label);
        if (document == null) {
            return new CheckFile(label, List.of());
        }
        if (!(document instanceof YamlMap top)) {
            throw new UserError("a check file is a mapping of resource types (file:, port:, command: ...)",
                    SourceLocation.of(label), "see docs/checks.md");
        }
        List<Check> checks = new ArrayList<>();
        for (Map.Entry<String, Object> section : top.entrySet()) {
            SourceLocation where = top.locationOf(section.getKey());
            CheckType type = CheckType.named(section.getKey()).orElseThrow(() -> new UserError(
                    "unknown resource type '" + section.getKey() + "'" + Suggestion.didYouMean(section.getKey(), CheckType.names()),
                    where, "resource types: " + String.join(", ", CheckType.names())));
            if (section.getValue() == null) {
                continue;
            }
            if (!(section.getValue() instanceof YamlMap resources)) {
                throw new UserError(type.name() + ": expected a mapping of resource ids to attributes", where,
                        "write e.g. " + type.name() + ":\n    ID:\n      ATTRIBUTE: VALUE");
            }
            for (Map.Entry<String, Object> resource : resources.entrySet()) {
                checks.add(check(type, resource.getKey(), resource.getValue(), resources.locationOf(resource.getKey())));
            }
        }
        return new CheckFile(label, checks);
    }

    /** The first line that uses the variable an error names, so the user lands near the mistake. */
    private static SourceLocation lineOf(String text, String message, Path label) {
        java.util.regex.Matcher undefined = java.util.regex.Pattern.compile("'(\\w+)' is undefined").matcher(message);
        if (undefined.find()) {
            java.util.regex.Pattern use = java.util.regex.Pattern.compile("\\b" + undefined.group(1) + "\\b");
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("{") && use.matcher(lines.get(i)).find()) {
                    return new SourceLocation(label, i + 1, 0);
                }
            }
        }
        return SourceLocation.of(label);
    }

    private static Check check(CheckType type, String id, Object body, SourceLocation where) {
        Map<String, Object> attributes = body == null ? Map.of() : body instanceof YamlMap map ? map : null;
        if (attributes == null) {
            throw new UserError(type.name() + " " + id + ": expected a mapping of attributes, found '" + body + "'", where,
                    "attributes of " + type.name() + ": " + String.join(", ", type.attributes()));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
            String name = attribute.getKey();
            SourceLocation at = attributes instanceof YamlMap map ? map.locationOf(name) : where;
            if (!type.attributes().contains(name)) {
                throw new UserError(type.name() + " " + id + ": unknown attribute '" + name + "'"
                        + Suggestion.didYouMean(name, type.attributes()), at,
                        "attributes of " + type.name() + ": " + String.join(", ", type.attributes()));
            }
            if (type.isProperty(name)) {
                Matchers.validate(attribute.getValue(), at);
            }
            properties.put(name, attribute.getValue());
        }
        if (type.name().equals("dns") && properties.containsKey("server")) {
            throw new UserError("dns " + id + ": 'server' is not supported: Drover resolves with the host's own resolver"
                    + " (getent), which needs no dig or nslookup", attributes instanceof YamlMap m ? m.locationOf("server") : where,
                    "remove server:, or check the server with a command: check running dig");
        }
        validateTarget(type, id, properties, where);
        String title = properties.get("title") == null ? "" : String.valueOf(properties.get("title"));
        Severity severity = severity(properties.get("severity"), type, id, where);
        Duration timeout = Timeouts.parse(properties.get("timeout"), type.name() + " " + id, where);
        return new Check(type.name(), id, title, severity, timeout, properties, where);
    }

    /** Ids that must have a shape (ports, addresses) are checked here, not found broken on the host. */
    private static void validateTarget(CheckType type, String id, Map<String, Object> properties, SourceLocation where) {
        if (type.name().equals("port")) {
            String port = properties.get("port") == null ? id : String.valueOf(properties.get("port"));
            if (!port.matches("((tcp|udp)6?:)?\\d{1,5}")) {
                throw new UserError("port " + port + ": expected PROTOCOL:NUMBER, e.g. tcp:22, tcp6:443, udp:53", where, null);
            }
        } else if (type.name().equals("addr")) {
            String address = properties.get("address") == null ? id : String.valueOf(properties.get("address"));
            if (!address.matches("tcp://.+:\\d{1,5}")) {
                throw new UserError("addr " + address + ": expected tcp://HOST:PORT (udp is not supported)", where, null);
            }
        }
    }

    private static Severity severity(Object value, CheckType type, String id, SourceLocation where) {
        if (value == null) {
            return Severity.FAIL;
        }
        return switch (String.valueOf(value).toLowerCase()) {
            case "warn", "warning" -> Severity.WARN;
            case "fail", "error", "critical" -> Severity.FAIL;
            default -> throw new UserError(type.name() + " " + id + ": severity must be warn or fail, found '" + value + "'",
                    where, null);
        };
    }
}
