package dev.drover.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.TypeConvertingMapELResolver;
import com.hubspot.jinjava.el.ext.JinjavaBeanELResolver;
import com.hubspot.jinjava.el.ext.JinjavaListELResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError.ErrorType;
import jinjava.javax.el.ArrayELResolver;
import jinjava.javax.el.CompositeELResolver;

/**
 * Jinjava configured to behave like Ansible's Jinja2: Python printing, StrictUndefined, lazy
 * variables, trim_blocks, Ansible's filters, tests and lookups. One instance serves every
 * thread; each call gets its own interpreter and context.
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
                .withTrimBlocks(true)
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
        base = new SealedContext(jinjava.getGlobalContext());
    }

    /**
     * Templates one string as Ansible templates a variable or a task argument: a lone
     * {@code {{ expr }}} keeps its native value; anything else renders to text, which becomes a
     * list, dict or bool when it reads as one.
     */
    Object renderValue(String text, RenderSession session) {
        String single = SingleExpression.of(text);
        if (single != null) {
            Object value = DirectReference.evaluate(single, session);
            if (value == DirectReference.NOT_DIRECT) {
                value = evaluate(single, session, text);
            } else if (value instanceof Undefined undefined) {
                throw undefined.failure();
            }
            return value instanceof String s ? PythonLiteral.convertRendered(s) : value;
        }
        return PythonLiteral.convertRendered(renderText(text, session));
    }

    /** Renders text to text: template files, and strings that are more than one expression. */
    String renderText(String text, RenderSession session) {
        String source = ExpressionBraces.separate(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        DroverInterpreter interpreter = newInterpreter(session);
        JinjavaInterpreter.pushCurrent(interpreter);
        String output;
        try {
            output = interpreter.render(source);
            failOnErrors(interpreter);
        } catch (RuntimeException e) {
            throw asFailure(e);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        // Jinja2 drops the template's last newline; Ansible puts back as many as the source had.
        int missing = trailingNewlines(text) - trailingNewlines(output);
        return missing > 0 ? output + "\n".repeat(missing) : output;
    }

    /** Evaluates a bare expression to its value (possibly lazy or undefined; see {@link PlainValues}). */
    Object evaluate(String expression, RenderSession session, String template) {
        DroverInterpreter interpreter = newInterpreter(session);
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

    private DroverInterpreter newInterpreter(RenderSession session) {
        Context context = new Context(base);
        context.setDynamicVariableResolver(session::variable);
        return new DroverInterpreter(jinjava, context, config, session);
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
                throw failure;
            }
        }
        for (var error : errors) {
            if (error.getSeverity() == ErrorType.FATAL || JinjavaErrors.isFatalWarning(error)) {
                throw new RenderFailure(JinjavaErrors.describe(error));
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
        return new RenderFailure(message.isBlank() ? "template error" : JinjavaErrors.clean(message));
    }

    private static int trailingNewlines(String text) {
        int count = 0;
        for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\n'; i--) {
            count++;
        }
        return count;
    }
}
