package dev.drover.checks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The output formats of {@code drover check} and the agent's /healthz, shaped like Goss's. */
public enum ReportFormat {
    DOCUMENTATION("text/plain; charset=utf-8"),
    JSON("application/json"),
    JUNIT("application/xml"),
    TAP("text/plain; charset=utf-8"),
    NAGIOS("text/plain; charset=utf-8"),
    PROMETHEUS("text/plain; version=0.0.4; charset=utf-8");

    private final String mediaType;

    ReportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String render(List<HostReport> reports) {
        return switch (this) {
            case DOCUMENTATION -> DocumentationReport.render(reports);
            case JSON -> JsonReport.render(reports);
            case JUNIT -> JunitReport.render(reports);
            case TAP -> TapReport.render(reports);
            case NAGIOS -> NagiosReport.render(reports);
            case PROMETHEUS -> PrometheusReport.render(reports);
        };
    }

    /** The Nagios plugin exit code for these reports: 0 OK, 1 WARNING (only warn checks failed), 2 CRITICAL. */
    public static int nagiosStatus(List<HostReport> reports) {
        return NagiosReport.status(reports);
    }

    /** For HTTP content negotiation. */
    public String mediaType() {
        return mediaType;
    }

    public static Optional<ReportFormat> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        for (ReportFormat format : values()) {
            if (format.name().equals(wanted)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
