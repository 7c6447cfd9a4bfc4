package dev.drover.template;

import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateError.ErrorReason;

/** Jinjava's collected errors, told in words that name no Java class. */
final class JinjavaErrors {

    private JinjavaErrors() {}

    /** Jinjava only warns about some things Jinja2 treats as errors: unknown filters, tests, functions, properties. */
    static boolean isFatalWarning(TemplateError error) {
        ErrorReason reason = error.getReason();
        return reason == ErrorReason.UNKNOWN || reason == ErrorReason.SYNTAX_ERROR || reason == ErrorReason.EXCEPTION
                || reason == ErrorReason.INVALID_ARGUMENT || reason == ErrorReason.INVALID_INPUT
                || reason == ErrorReason.MISSING || reason == ErrorReason.BAD_URL;
    }

    /** Jinjava's words for a call of a function it does not know, which Jinja2 calls undefined. */
    private static final java.util.regex.Pattern UNKNOWN_FUNCTION = java.util.regex.Pattern.compile("Could not resolve function '(?:[\\w]*:)?([^']*)'");

    static String describe(TemplateError error) {
        String message = clean(error.getMessage() == null ? "template error" : error.getMessage());
        var unknown = UNKNOWN_FUNCTION.matcher(message);
        if (unknown.find()) {
            return "'" + unknown.group(1) + "' is undefined";
        }
        if (error.getReason() == ErrorReason.SYNTAX_ERROR) {
            return "template syntax error: " + message;
        }
        return message.isEmpty() ? "template error" : message;
    }

    /** Drops Jinjava's wrapping and Java class names, keeps what the user wrote. */
    static String clean(String message) {
        return message.replaceAll("Error resolving expression \\[[^\\]]*\\]: ", "")
                .replaceAll("\\b(?:[a-z_$][\\w$]*\\.)+([A-Z][\\w$]*)(?:Exception|Error)\\b:?\\s*", "")
                .replaceAll("(?:jinjava\\.)?(?:javax|de\\.odysseus|com\\.hubspot)[\\w.$]*:?\\s*", "")
                .replace("#{", "{{ ").trim();
    }
}
