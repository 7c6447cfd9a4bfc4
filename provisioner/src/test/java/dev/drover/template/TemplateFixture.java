package dev.drover.template;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Templar and a scope of raw variables, as the executor would hand them over. */
class TemplateFixture {

    static final Templar TEMPLAR = new Templar();

    final Map<String, Object> vars = new LinkedHashMap<>();
    List<Path> searchPaths = List.of();

    TemplateFixture() {
        vars.put("host", "db1");
        vars.put("port", 5432);
        vars.put("names", List.of("web1", "Web2", "db1"));
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("debug", false);
        opts.put("level", 3);
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("name", "app");
        cfg.put("opts", opts);
        vars.put("cfg", cfg);
        vars.put("flag", true);
        vars.put("nothing", null);
    }

    TemplateFixture with(String name, Object value) {
        vars.put(name, value);
        return this;
    }

    TemplateScope scope() {
        return new TemplateScope(vars, searchPaths, "test");
    }

    Object render(Object template) {
        return TEMPLAR.render(template, scope());
    }

    /** Renders as text, the way a template file or a string with more than one expression is. */
    String text(String template) {
        return TEMPLAR.renderText(template, scope());
    }

    Object eval(String expression) {
        return TEMPLAR.evaluate(expression, scope());
    }

    boolean when(String condition) {
        return TEMPLAR.isTrue(condition, scope());
    }
}
