package dev.drover.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code {% include %}}, {@code {% import %}} and {@code {% from %}} find templates: the
 * scope's search paths (base/templates/name, then base/name), as the template lookup does;
 * never Jinjava's default of the Java classpath. The text is read as Jinja2 reads it, with the
 * including template's options ({@link TemplateSource}).
 */
final class SearchPathLocator implements ResourceLocator {

    @Override
    public String getString(String fullName, Charset encoding, JinjavaInterpreter interpreter) throws IOException {
        Path found = LookupPlugins.find(DroverInterpreter.sessionOf(interpreter), "templates", fullName);
        if (found == null) {
            throw new ResourceNotFoundException("template not found in the search path: " + fullName);
        }
        return TemplateSource.toJinjava(Files.readString(found, encoding), DroverInterpreter.optionsOf(interpreter));
    }
}
