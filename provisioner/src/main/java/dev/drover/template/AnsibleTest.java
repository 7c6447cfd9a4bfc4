package dev.drover.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Jinja2/Ansible test ({@code x is defined}, {@code v is version('2.0', '>=')}) adapted to
 * Jinjava. Jinjava passes a test at most one argument, so {@code ('2.0', '>=')} arrives as a
 * tuple and is spread back into arguments here.
 */
final class AnsibleTest implements ExpTest {

    @FunctionalInterface
    interface Body {
        boolean test(Object value, FilterArgs args);
    }

    private final String name;
    private final Body body;
    private final boolean acceptsUndefined;

    private AnsibleTest(String name, Body body, boolean acceptsUndefined) {
        this.name = name;
        this.body = body;
        this.acceptsUndefined = acceptsUndefined;
    }

    static AnsibleTest of(String name, Body body) {
        return new AnsibleTest(name, body, false);
    }

    static AnsibleTest acceptingUndefined(String name, Body body) {
        return new AnsibleTest(name, body, true);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
        if (!acceptsUndefined && var instanceof Undefined undefined) {
            throw undefined.failure();
        }
        Object[] spread = args;
        if (args != null && args.length == 1 && Tuples.isTuple(args[0])) {
            spread = ((List<?>) args[0]).toArray();
        }
        List<Object> checked = new ArrayList<>();
        for (Object arg : spread == null ? new Object[0] : spread) {
            if (arg instanceof Undefined undefined) {
                throw undefined.failure();
            }
            checked.add(arg);
        }
        Object input = var instanceof com.hubspot.jinjava.objects.SafeString s ? s.toString() : var;
        try {
            return body.test(input, new FilterArgs(name, checked.toArray(), Map.of(), interpreter));
        } catch (RenderFailure failure) {
            throw failure;
        } catch (ClassCastException | IndexOutOfBoundsException | NullPointerException | IllegalArgumentException e) {
            throw new RenderFailure("the '" + name + "' test cannot be applied to " + PythonRepr.typeName(input));
        }
    }
}
