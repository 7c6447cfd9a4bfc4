package dev.drover.template;

import dev.drover.yaml.VaultText;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jinja templating with Ansible's semantics: a string that is one {@code {{ expr }}} keeps
 * the expression's native type, anything else renders to a string; maps and lists are
 * templated element by element. Variables are read lazily and templated when read.
 * Thread-safe: one instance serves every host.
 */
public final class Templar {

    /**
     * The value of {@code omit}: a module argument equal to it is dropped. Random per run, as
     * Ansible's, so that no real value collides with it.
     */
    public static final String OMIT_TOKEN = "__omit_place_holder__" + randomHex();

    private final JinjaEngine engine = new JinjaEngine();

    public static boolean hasTemplate(String text) {
        return text.contains("{{") || text.contains("{%") || text.contains("{#");
    }

    /** Templates every string inside {@code value} (maps, lists, scalars). */
    public Object render(Object value, TemplateScope scope) {
        if (value instanceof String text && !hasTemplate(text)) {
            return text;
        }
        if (value instanceof VaultText secret) {
            return secret.reveal();
        }
        if (!(value instanceof String || value instanceof Map || value instanceof List)) {
            return value;
        }
        return render(value, scope, new Sessions(scope));
    }

    private Object render(Object value, TemplateScope scope, Sessions sessions) {
        if (value instanceof VaultText secret) {
            return secret.reveal();
        }
        if (value instanceof String text) {
            if (!hasTemplate(text)) {
                return text;
            }
            try {
                return PlainValues.of(engine.renderValue(text, sessions.get()));
            } catch (RenderFailure failure) {
                throw error(text, scope, failure);
            }
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(renderKey(k, scope, sessions), render(v, scope, sessions)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(render(item, scope, sessions));
            }
            return out;
        }
        return value;
    }

    /** A templated key is always text, as in Ansible; keys without templates keep their type. */
    private Object renderKey(Object key, TemplateScope scope, Sessions sessions) {
        if (key instanceof String text && hasTemplate(text)) {
            Object rendered = render(text, scope, sessions);
            return rendered instanceof String ? rendered : PythonRepr.str(rendered);
        }
        return key;
    }

    /**
     * The items of a {@code with_<lookup>} loop: the lookup run over the loop's terms, as
     * Ansible does (terms templated, a single value made a list of one).
     *
     * @param subdir the folder first_found searches: files, or templates/vars for those actions
     */
    public List<Object> loopItems(String lookup, Object terms, TemplateScope scope, String subdir) {
        Object rendered = render(terms, scope);
        List<Object> termList = rendered instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>(java.util.Arrays.asList(rendered));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put(LookupPlugins.SUBDIR_OPTION, subdir);
        try {
            return LookupPlugins.run(lookup, termList, options, new RenderSession(engine, scope));
        } catch (RenderFailure failure) {
            String message = failure.getMessage();
            if (message.startsWith("lookup plugin '")) {
                message = "Unexpected failure in finding the lookup named '" + lookup + "' in the available lookup plugins";
            }
            throw new TemplateError(message);
        }
    }

    /** Renders a template file's text with the template module's default options. */
    public String renderText(String text, TemplateScope scope) {
        return renderText(text, scope, TemplateOptions.DEFAULTS);
    }

    /**
     * Renders a template file's text as the template module does with these options: always a
     * string, trailing newlines kept, line breaks of the template's text written as the
     * options' newline sequence. {@link TemplateOptions#encode} makes it the file's bytes.
     */
    public String renderText(String text, TemplateScope scope, TemplateOptions options) {
        if (TemplateSource.isVerbatim(text, options)) {
            return text;
        }
        try {
            return engine.renderText(text, new RenderSession(engine, scope), options);
        } catch (RenderFailure failure) {
            throw failure.line() > 0 ? lineError(text, scope, failure) : error(text, scope, failure);
        }
    }

    /** Evaluates a bare expression, as {@code when:} and {@code debug: var=} do. */
    public Object evaluate(String expression, TemplateScope scope) {
        try {
            return PlainValues.of(engine.evaluate(expression, new RenderSession(engine, scope), expression));
        } catch (RenderFailure failure) {
            throw error(expression, scope, failure);
        }
    }

    /**
     * A condition as {@code when:} evaluates it. A condition that is itself a template is
     * rendered first (Ansible warns about this but allows it); a result of true/false/yes/no
     * text counts as that boolean. An undefined variable is an error.
     */
    public boolean isTrue(String condition, TemplateScope scope) {
        RenderSession session = new RenderSession(engine, scope);
        try {
            String expression = condition.strip();
            if (hasTemplate(expression)) {
                Object rendered = engine.renderValue(expression, session);
                if (!(rendered instanceof String text)) {
                    return Truthiness.of(rendered);
                }
                Boolean word = booleanWord(text);
                if (word != null || text.isBlank()) {
                    return word != null && word;
                }
                expression = text;
            }
            if (expression.isEmpty()) {
                return false;
            }
            return Truthiness.of(engine.evaluate(expression, session, condition));
        } catch (RenderFailure failure) {
            throw error(condition, scope, failure);
        }
    }

    private static Boolean booleanWord(String text) {
        return switch (text.strip().toLowerCase()) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static TemplateError error(String template, TemplateScope scope, RenderFailure failure) {
        return new TemplateError(where(scope, ": ") + failure.getMessage() + " (in template " + shorten(template) + ")");
    }

    /** The scope's name ("template roles/web/templates/site.conf.j2") and a separator, or nothing. */
    private static String where(TemplateScope scope, String separator) {
        return scope.where() == null || scope.where().isBlank() ? "" : scope.where() + separator;
    }

    /** A template file's failure on a known line: the line's number and text, not the file's first line. */
    private static TemplateError lineError(String template, TemplateScope scope, RenderFailure failure) {
        String line = template.lines().skip(failure.line() - 1L).findFirst().orElse("");
        return new TemplateError(where(scope, ", ") + "line " + failure.line() + ": " + failure.getMessage()
                + " (in " + shorten(line) + ")");
    }

    private static String shorten(String template) {
        String oneLine = template.strip().replace("\n", "\\n");
        return '"' + (oneLine.length() > 120 ? oneLine.substring(0, 117) + "..." : oneLine) + '"';
    }

    private static String randomHex() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** One session per top-level call, made only when some string needs templating. */
    private final class Sessions {
        private final TemplateScope scope;
        private RenderSession session;

        Sessions(TemplateScope scope) {
            this.scope = scope;
        }

        RenderSession get() {
            if (session == null) {
                session = new RenderSession(engine, scope);
            }
            return session;
        }
    }
}
