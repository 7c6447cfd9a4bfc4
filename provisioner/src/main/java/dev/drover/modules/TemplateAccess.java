package dev.drover.modules;

import dev.drover.template.TemplateOptions;
import java.nio.file.Path;

/**
 * The templating a module may ask for, with the task's variables already in scope.
 * Implemented by the executor; modules stay free of the template engine and easy to test.
 */
public interface TemplateAccess {

    /** Renders a whole template file's text, as the template module does with its default options. */
    default String renderFile(Path source, String text) {
        return renderFile(source, text, TemplateOptions.DEFAULTS);
    }

    /** Renders a template file's text with the template module's options (trim_blocks, delimiters, newlines). */
    String renderFile(Path source, String text, TemplateOptions options);

    /** Evaluates a bare Jinja expression ({@code foo.bar | default(1)}) to a value. */
    Object evaluate(String expression);

    /** Evaluates a condition as {@code when:} does. */
    boolean isTrue(String condition);

    /** Whether a variable of this name is defined for the host. */
    boolean isDefined(String name);
}
