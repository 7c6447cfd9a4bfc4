package dev.drover.exec;

import dev.drover.modules.TemplateAccess;
import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Templating for a module, with the task's variables on its host; the template's own folder joins the lookup path. */
record TaskTemplates(Templar templar, TemplateScope scope) implements TemplateAccess {

    @Override
    public String renderFile(Path source, String text) {
        List<Path> paths = new ArrayList<>();
        if (source != null && source.getParent() != null) {
            paths.add(source.getParent());
        }
        paths.addAll(scope.searchPaths());
        return templar.renderText(text, new TemplateScope(scope.vars(), paths, "template " + source));
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
