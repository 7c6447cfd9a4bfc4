package dev.drover.exec;

import dev.drover.modules.TemplateAccess;
import dev.drover.template.Templar;
import dev.drover.template.TemplateOptions;
import dev.drover.template.TemplateScope;
import java.nio.file.Path;
import java.util.ArrayList;
import dev.drover.vars.LayeredVars;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Templating for a module, with the task's variables on its host; the template's own folder joins the lookup path. */
record TaskTemplates(Templar templar, TemplateScope scope) implements TemplateAccess {

    @Override
    public String renderFile(Path source, String text, TemplateOptions options) {
        List<Path> paths = new ArrayList<>();
        if (source != null && source.getParent() != null) {
            paths.add(source.getParent());
        }
        paths.addAll(scope.searchPaths());
        return templar.renderText(text, new TemplateScope(templateVars(source), paths, "template " + source), options);
    }

    /** The variables Ansible's template module adds for the template being rendered. */
    private Map<String, Object> templateVars(Path source) {
        Map<String, Object> extra = new HashMap<>();
        Object host = scope.vars().get("inventory_hostname");
        extra.putIfAbsent("ansible_managed", scope.vars().getOrDefault("ansible_managed", "Ansible managed"));
        if (source != null) {
            extra.put("template_path", source.toString());
            extra.put("template_fullpath", source.toAbsolutePath().toString());
        }
        extra.put("template_host", String.valueOf(host));
        if (scope.vars() instanceof LayeredVars layered) {
            return layered.with(extra);
        }
        Map<String, Object> all = new HashMap<>(scope.vars());
        all.putAll(extra);
        return all;
    }

    @Override
    public Object evaluate(String expression) {
        return templar.evaluate(expression, scope);
    }

    @Override
    public boolean isTrue(String condition) {
        return templar.isTrue(condition, scope);
    }

    @Override
    public boolean isDefined(String name) {
        return scope.vars().containsKey(name);
    }
}
