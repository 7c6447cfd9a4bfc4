package dev.drover.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.NullValue;
import java.util.Map;

/**
 * A Jinjava interpreter that knows the render it serves (for lookups and variable resolution)
 * and the template options it renders with (for included templates), and prints values the
 * way Python does, wherever Jinjava turns a value into text.
 */
final class DroverInterpreter extends JinjavaInterpreter {

    private final RenderSession session;
    private final TemplateOptions options;

    DroverInterpreter(Jinjava jinjava, Context context, JinjavaConfig config, RenderSession session, TemplateOptions options) {
        super(jinjava, context, config);
        this.session = session;
        this.options = options;
    }

    private DroverInterpreter(DroverInterpreter parent) {
        super(parent);
        this.session = parent.session;
        this.options = parent.options;
    }

    RenderSession session() {
        return session;
    }

    static RenderSession sessionOf(JinjavaInterpreter interpreter) {
        if (interpreter instanceof DroverInterpreter drover) {
            return drover.session;
        }
        throw new IllegalStateException("not rendering through Templar");
    }

    /** The options of the template being rendered, which its includes and imports share. */
    static TemplateOptions optionsOf(JinjavaInterpreter interpreter) {
        return interpreter instanceof DroverInterpreter drover ? drover.options : TemplateOptions.DEFAULTS;
    }

    static RenderSession currentSession() {
        return sessionOf(JinjavaInterpreter.getCurrent());
    }

    /**
     * A template's own variable holding None ({@code {% set x = none %}}, a loop over a list
     * with None in it) is None, not missing: Jinjava's scopes treat a null value as absent
     * (and then our resolver calls the name undefined), and its loop binds None as a
     * {@code NullValue} when an outer variable has the same name.
     */
    @Override
    public Object retraceVariable(String variable, int lineNumber, int startPosition) {
        for (Context scope = getContext(); scope != null && !(scope instanceof SealedContext); scope = scope.getParent()) {
            Map<String, Object> names = scope.getScope();
            if (names.containsKey(variable)) {
                Object value = names.get(variable);
                if (value == null || value == NullValue.INSTANCE) {
                    return null;
                }
                break;
            }
        }
        return super.retraceVariable(variable, lineNumber, startPosition);
    }

    @Override
    public String getAsString(Object object) {
        return object == null ? "" : PythonRepr.str(object);
    }

    /** Child interpreters (includes, macros) keep the session and the options. */
    static final class Factory implements InterpreterFactory {
        @Override
        public JinjavaInterpreter newInstance(JinjavaInterpreter orig) {
            return orig instanceof DroverInterpreter drover ? new DroverInterpreter(drover) : new JinjavaInterpreter(orig);
        }

        @Override
        public JinjavaInterpreter newInstance(Jinjava application, Context context, JinjavaConfig config) {
            return new JinjavaInterpreter(application, context, config);
        }
    }
}
