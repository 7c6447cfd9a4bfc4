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
        throw new UnsupportedOperationException("not yet");
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
