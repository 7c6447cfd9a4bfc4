package dev.drover.template;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks a table of template → expected text pairs, reporting every mismatch at once. */
final class FilterCases {

    private FilterCases() {}

    static void assertAll(TemplateFixture t, String... pairs) {
        StringBuilder mismatches = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            String template = pairs[i].contains("{{") || pairs[i].contains("{%") ? pairs[i] : "{{ " + pairs[i] + " }}";
            String actual;
            try {
                actual = t.text(template);
            } catch (TemplateError e) {
                actual = "(error) " + e.getMessage();
            }
            if (!actual.equals(pairs[i + 1])) {
                mismatches.append("\n  ").append(template).append("\n    expected: ").append(pairs[i + 1])
                        .append("\n    actual:   ").append(actual);
            }
        }
        assertThat(mismatches.toString()).as("templates rendering differently than expected").isEmpty();
    }
}
