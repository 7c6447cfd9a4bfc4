package dev.drover.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.TypeConvertingMapELResolver;
import com.hubspot.jinjava.el.ext.JinjavaBeanELResolver;
import com.hubspot.jinjava.el.ext.JinjavaListELResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError.ErrorType;
import jinjava.javax.el.ArrayELResolver;
import jinjava.javax.el.CompositeELResolver;

/**
 * Jinjava configured to behave like Ansible's Jinja2: Python printing, StrictUndefined, lazy
 * variables, Ansible's filters, tests and lookups; whitespace control, delimiters and line
 * breaks are Jinja2's, applied by {@link TemplateSource} before Jinjava reads a template. One
 * instance serves every thread; each call gets its own interpreter and context.
 */
final class JinjaEngine {

    private final Jinjava jinjava;
    private final JinjavaConfig config;
    private final Context base;

    JinjaEngine() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new AttributeResolver());
        resolver.add(new ArrayELResolver(false));
        resolver.add(new JinjavaListELResolver(false));
        resolver.add(new TypeConvertingMapELResolver(false));
        resolver.add(new JinjavaBeanELResolver(false));
        config = JinjavaConfig.newBuilder()
                // TemplateSource has applied Jinja2's trim_blocks and lstrip_blocks already
                .withTrimBlocks(false)
                .withLstripBlocks(false)
                .withKeepTrailingNewline(true)
                .withNestedInterpretationEnabled(false)
                .withFailOnUnknownTokens(false)
                .withMaxRenderDepth(50)
                .withElResolver(resolver)
                .withInterperterFactory(new DroverInterpreter.Factory())
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withEvaluateMapKeys(true)
                        .withIterateOverMapKeys(true)
                        .withUsePyishObjectMapper(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withAllowAdjacentTextNodes(true)
                        .withUseTrimmingForNotesAndExpressions(true)
                        .withKeepNullableLoopValues(true)
                        .withHandleBackslashInQuotesOnly(true)
                        .build())
                .build();
        jinjava = new PythonicJinjava(config);
        jinjava.setResourceLocator(new SearchPathLocator());
        AnsibleLibrary.registerInto(jinjava.getGlobalContext());
        jinjava.getGlobalContext().registerTag(new PythonicForTag());
        base = new SealedContext(jinjava.getGlobalContext());
    }

    /**
     * Templates one string as Ansible templates a variable or a task argument: a lone
     * {@code {{ expr }}} keeps its native value; anything else renders to text, which becomes a
     * list, dict or bool when it reads as one. As in Ansible, Jinja2 first drops the source's
     * last newline, and a result that is text gets back as many trailing newlines as the source
     * had ({@code "{{ item }}\n"} renders to {@code "a\n"}); a list, dict or bool gets none.
     * Backslashes in the string literals of its {@code {{ }}} mean themselves ({@link PlaybookBackslashes}).
     */
    Object renderValue(String source, RenderSession session) {
        String text = PlaybookBackslashes.doubled(source);
        String body = withoutLastNewline(text);
        String single = SingleExpression.of(body);
        Object value;
        if (single == null) {
            // Text with plain references, the commonest case, is the same to Jinja2's lexer: no need to lex it.
            String plain = text.indexOf('\r') < 0 ? PlainInterpolation.render(body, session) : null;
            value = PythonLiteral.convertRendered(plain != null ? plain
                    : interpret(TemplateSource.toJinjava(text, TemplateOptions.DEFAULTS), session, TemplateOptions.DEFAULTS));
        } else {
            value = DirectReference.evaluate(single, session);
            if (value == DirectReference.NOT_DIRECT) {
                value = evaluate(single, session, text);
            } else if (value instanceof Undefined undefined) {
                throw undefined.failure();
            }
            if (value instanceof com.hubspot.jinjava.objects.SafeString filtered) {
                // A text filter's result (to_json, string...) stays text, and so keeps its newlines.
                value = filtered.toString();
            } else if (value instanceof String s) {
                value = PythonLiteral.convertRendered(s);
            } else if (body.length() < text.length() && isPrintedAsText(value) && !isPlainVariable(single, session)) {
                // Drover keeps a lone expression's number (or None) native where Ansible 2.14 prints
                // it; with a trailing newline to keep, it has to be text, as in Ansible.
                value = value == null ? "" : PythonRepr.str(value);
            }
        }
        return value instanceof String s ? withTrailingNewlines(s, text, "\n") : value;
    }

    /** Renders text to text with the template module's defaults: the template lookup, nested renders. */
    String renderText(String text, RenderSession session) {
        return renderText(text, session, TemplateOptions.DEFAULTS);
    }

    /** Renders text to text: template files, and strings that are more than one expression. */
    String renderText(String text, RenderSession session, TemplateOptions options) {
        String output;
        try {
            // TemplateSource keeps every line on its line: the line Jinjava names is the text's own.
            output = renderBody(TemplateSource.toJinjava(text, options), session, options);
        } catch (RenderFailure failure) {
            // Placed already: it escaped from a template rendered inside this one, whose line it names.
            throw failure.placed(failure.isPlaced() ? 0 : failure.line());
        }
        return withTrailingNewlines(output, text, options.newlineSequence());
    }

    /** Renders a template already in Jinjava's terms ({@link TemplateSource}). */
    private String renderBody(String body, RenderSession session, TemplateOptions options) {
        String plain = PlainInterpolation.render(body, session);
        return plain != null ? plain : interpret(body, session, options);
    }

    /** Renders a template in Jinjava's terms with an interpreter. */
    private String interpret(String body, RenderSession session, TemplateOptions options) {
        String source = ExpressionBraces.separate(body);
        DroverInterpreter interpreter = newInterpreter(session, options);
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            String output = interpreter.render(source);
            failOnErrors(interpreter);
            return output;
        } catch (RuntimeException e) {
            throw asFailure(e);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }

    /** Jinja2's keep_trailing_newline=False: the template's last newline is not part of it. */
    private static String withoutLastNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * Ansible puts back as many trailing newlines as the source had (preserve_trailing_newlines),
     * as the newline sequence; both counts are of {@code \n} alone, as Ansible counts.
     */
    private static String withTrailingNewlines(String output, String source, String newline) {
        int missing = trailingNewlines(source) - trailingNewlines(output);
        return missing > 0 ? output + newline.repeat(missing) : output;
    }

    /** Values that Ansible's concat turns into text (bools, lists and dicts it turns back). */
    private static boolean isPrintedAsText(Object value) {
        return value == null || value instanceof Number;
    }

    /**
     * Ansible returns a variable whose raw value is a number, a bool or None as it is when the
     * template is just {@code {{ name }}}, before any templating (its SINGLE_VAR shortcut, whose
     * pattern also matches with one trailing newline).
     */
    private static boolean isPlainVariable(String expression, RenderSession session) {
        String name = expression.strip();
        if (!name.chars().allMatch(c -> c == '_' || Character.isLetterOrDigit(c))) {
            return false;
        }
        var vars = session.scope().vars();
        Object raw = vars.get(name);
        return (raw == null && vars.containsKey(name)) || raw instanceof Number || raw instanceof Boolean;
    }

    /** Evaluates a bare expression to its value (possibly lazy or undefined; see {@link PlainValues}). */
    Object evaluate(String expression, RenderSession session, String template) {
        DroverInterpreter interpreter = newInterpreter(session, TemplateOptions.DEFAULTS);
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            Object value = interpreter.resolveELExpression(expression, 1);
            failOnErrors(interpreter);
            return value;
        } catch (RuntimeException e) {
            throw asFailure(e);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }

    private DroverInterpreter newInterpreter(RenderSession session, TemplateOptions options) {
        Context context = new Context(base);
        context.setDynamicVariableResolver(session::variable);
        return new DroverInterpreter(jinjava, context, config, session, options);
    }

    /** The first of our own failures wins; else Jinjava's first fatal error, in plain words. */
    private static void failOnErrors(JinjavaInterpreter interpreter) {
        var errors = interpreter.getErrors();
        if (errors.isEmpty()) {
            return;
        }
        for (var error : errors) {
            RenderFailure failure = RenderFailure.findIn(error.getException());
            if (failure != null) {
                // An included template's line is its own, not this one's: unknown here.
                int line = error.getSourceTemplate().isPresent() ? 0 : error.getLineno();
                throw failure.isPlaced() ? failure.nestedAt(line) : failure.onLine(line);
            }
        }
        for (var error : errors) {
            if (error.getSeverity() == ErrorType.FATAL || JinjavaErrors.isFatalWarning(error)) {
                throw new RenderFailure(JinjavaErrors.describe(error)).onLine(error.getSourceTemplate().isPresent() ? 0 : error.getLineno());
            }
        }
    }

    /** Jinjava lets some errors escape instead of collecting them (in tags, mostly). */
    private static RenderFailure asFailure(RuntimeException e) {
        if (e instanceof RenderFailure failure) {
            return failure;
        }
        RenderFailure ours = RenderFailure.findIn(e);
        if (ours != null) {
            return ours;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        int line = e instanceof InterpretException interpret ? interpret.getLineNumber() : 0;
        return new RenderFailure(message.isBlank() ? "template error" : JinjavaErrors.clean(message)).onLine(line);
    }

    private static int trailingNewlines(String text) {
        int count = 0;
        for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\n'; i--) {
            count++;
        }
        return count;
    }
}
