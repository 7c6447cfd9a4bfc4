package dev.drover.nomad;

import java.util.Map;

/**
 * Job variables (--var K=V) as the HCL variable-file text that /v1/jobs/parse takes in its
 * Variables field. Values are passed as HCL strings; Nomad converts them to the declared type
 * of the variable, as it does for -var on its own command line.
 */
final class JobVariables {

    private JobVariables() {
    }

    static String asHcl(Map<String, String> variables) {
        StringBuilder text = new StringBuilder();
        variables.forEach((name, value) -> text.append(name).append(" = ").append(quote(value)).append('\n'));
        return text.toString();
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        // HCL would read ${ and %{ as template sequences; doubling the sign escapes them.
        return out.append('"').toString().replace("${", "$${").replace("%{", "%%{");
    }
}
