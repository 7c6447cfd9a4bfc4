package dev.drover.tests;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import dev.drover.yaml.AnsibleYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A role's templates rendered with drover's Templar as a play would render them for one host:
 * the role's defaults/main.yml under the variables the test gives (inventory, group_vars,
 * magic variables), and HCL read back with hcl4j.
 */
final class RoleTemplates {

    private final Path role;
    private final Map<String, Object> defaults;

    private RoleTemplates(Path role, Map<String, Object> defaults) {
        this.role = role;
        this.defaults = defaults;
    }

    @SuppressWarnings("unchecked")
    static RoleTemplates of(String name) {
        Path role = Lab.projectRoot().resolve("roles").resolve(name);
        Object loaded = AnsibleYaml.load(role.resolve("defaults/main.yml"));
        return new RoleTemplates(role, loaded instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of());
    }

    /** The role's defaults with the host's variables above them, as Ansible's precedence puts them. */
    Map<String, Object> vars(Map<String, Object> hostVars) {
        Map<String, Object> vars = new HashMap<>(defaults);
        vars.putAll(hostVars);
        return vars;
    }

    String render(String template, Map<String, Object> hostVars) {
        try {
            String text = Files.readString(role.resolve("templates").resolve(template), StandardCharsets.UTF_8);
            return new Templar().renderText(text, TemplateScope.of(vars(hostVars)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A variable of the role (a default or given) templated for the host. */
    Object evaluate(String expression, Map<String, Object> hostVars) {
        return new Templar().evaluate(expression, TemplateScope.of(vars(hostVars)));
    }

    static Map<String, Object> parseHcl(String hcl) {
        try {
            return new HCLParser().parse(hcl);
        } catch (Exception e) {
            throw new AssertionError("not valid HCL: " + e.getMessage() + "\n" + hcl, e);
        }
    }
}
