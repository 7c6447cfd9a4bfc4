package dev.drover.checks;

import java.util.List;

/** JUnit XML: a test suite per host, a test case per property; warnings pass with a note. */
final class JunitReport {

    private JunitReport() {
    }

    static String render(List<HostReport> reports) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
        for (HostReport report : reports) {
            xml.append("<testsuite name=\"").append(escape("drover check " + report.host())).append("\" errors=\"0\" tests=\"")
                    .append(report.results().size()).append("\" failures=\"").append(report.count(Outcome.FAIL))
                    .append("\" skipped=\"").append(report.count(Outcome.SKIP)).append("\" time=\"")
                    .append(Lines.seconds(report.duration())).append("\" timestamp=\"").append(report.startedAt()).append("\">\n");
            for (CheckResult result : report.results()) {
                xml.append("<testcase name=\"").append(escape(Lines.displayType(result) + " " + result.id() + " " + result.property()))
                        .append("\" classname=\"").append(escape(report.host())).append("\" time=\"")
                        .append(Lines.seconds(result.duration())).append("\">");
                switch (result.outcome()) {
                    case FAIL -> xml.append("<failure message=\"").append(escape(result.message())).append("\">")
                            .append(escape(Lines.of(result))).append("</failure>");
                    case SKIP -> xml.append("<skipped/>");
                    case WARN -> xml.append("<system-err>").append(escape(Lines.of(result))).append("</system-err>");
                    case PASS -> xml.append("<system-out>").append(escape(Lines.of(result))).append("</system-out>");
                }
                xml.append("</testcase>\n");
            }
            xml.append("</testsuite>\n");
        }
        return xml.append("</testsuites>\n").toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append("&#xFFFD;");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
