package dev.drover.template;

import com.hubspot.jinjava.Jinjava;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jinja templating with Ansible's semantics: a string that is one {@code {{ expr }}} keeps
 * the expression's native type, anything else renders to a string; maps and lists are
 * templated element by element. Thread-safe: one instance serves every host.
 */
public final class Templar {

    /** What {@code omit} stands for; module arguments equal to it are dropped, as in Ansible. */
    public static final String OMIT_TOKEN = "__omit_place_holder__" + Long.toHexString(new java.security.SecureRandom().nextLong());

    private final Jinjava jinjava = new Jinjava();

    public static boolean hasTemplate(String text) {
        return text.contains("{{") || text.contains("{%") || text.contains("{#");
    }

    /** Templates every string inside {@code value} (maps, lists, scalars). */
    public Object render(Object value, TemplateScope scope) {
        if (value instanceof String text) {
            return renderString(text, scope);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(render(k, scope)), render(v, scope)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> render(v, scope)).toList();
        }
        return value;
    }

    /** Renders a template file's text: always a string. */
    public String renderText(String text, TemplateScope scope) {
        return jinjava.render(text, scope.vars());
    }

    /** Evaluates a bare expression, as {@code when:} and {@code debug: var=} do. */
    public Object evaluate(String expression, TemplateScope scope) {
        return renderString("{{ " + expression + " }}", scope);
    }

    public boolean isTrue(String condition, TemplateScope scope) {
        Object value = evaluate(condition, scope);
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).trim().toLowerCase();
        return !(text.isEmpty() || text.equals("false") || text.equals("none") || text.equals("0"));
    }

    private Object renderString(String text, TemplateScope scope) {
        if (!hasTemplate(text)) {
            return text;
        }
        return jinjava.render(text, scope.vars());
    }
}
