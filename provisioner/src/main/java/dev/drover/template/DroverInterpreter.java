package dev.drover.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;

/**
 * A Jinjava interpreter that knows the render it serves (for lookups and variable resolution)
 * and prints values the way Python does, wherever Jinjava turns a value into text.
 */
final class DroverInterpreter extends JinjavaInterpreter {

    private final RenderSession session;

    DroverInterpreter(Jinjava jinjava, Context context, JinjavaConfig config, RenderSession session) {
        super(jinjava, context, config);
        this.session = session;
    }

    private DroverInterpreter(DroverInterpreter parent) {
        super(parent);
        this.session = parent.session;
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

    static RenderSession currentSession() {
        return sessionOf(JinjavaInterpreter.getCurrent());
    }

    @Override
    public String getAsString(Object object) {
        return object == null ? "" : PythonRepr.str(object);
    }

    /** Child interpreters (includes, macros) keep the session. */
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
