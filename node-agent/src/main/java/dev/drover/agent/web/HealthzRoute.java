package dev.drover.agent.web;

import dev.drover.agent.checks.CheckFiles;
import dev.drover.checks.HostReport;
import dev.drover.checks.ReportFormat;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * /healthz: 200 when every check file has run and none has a failing (non-warn) check, 503
 * otherwise; the body is the latest results in the asked-for format (?format= first, then
 * Accept, JSON by default). Renderings are kept for the configured seconds, so a busy
 * prober costs one rendering per interval; a finished run drops them at once, so the answer
 * never lags the results (a 503 from before the first run must not outlive it).
 */
final class HealthzRoute {

    private record Rendered(long madeAtNanos, boolean healthy, String body) {
    }

    private final CheckFiles files;
    private final long cacheNanos;
    private final Map<ReportFormat, Rendered> cache = new ConcurrentHashMap<>();

    HealthzRoute(CheckFiles files, Duration cache) {
        this.files = files;
        this.cacheNanos = cache.toNanos();
        files.addListener(run -> this.cache.clear());
    }

    void handle(Context ctx) {
        ReportFormat format = format(ctx);
        Rendered rendered = cache.get(format);
        long now = System.nanoTime();
        if (rendered == null || now - rendered.madeAtNanos() >= cacheNanos) {
            HostReport report = files.nodeReport();
            boolean healthy = files.allRan() && report.healthy();
            rendered = new Rendered(now, healthy, format.render(List.of(report)));
            cache.put(format, rendered);
        }
        ctx.status(rendered.healthy() ? 200 : 503).contentType(format.mediaType()).result(rendered.body());
    }

    static ReportFormat format(Context ctx) {
        String named = ctx.queryParam("format");
        if (named != null) {
            return ReportFormat.named(named).orElseThrow(() -> new Refusal(400, "unknown format '" + named + "'; use one of "
                    + Arrays.stream(ReportFormat.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))));
        }
        return fromAccept(ctx.header("Accept")).orElse(ReportFormat.JSON);
    }

    /** The first format whose media type the Accept header names (ignoring parameters and wildcards). */
    static Optional<ReportFormat> fromAccept(String accept) {
        if (accept == null) {
            return Optional.empty();
        }
        for (String part : accept.split(",")) {
            String wanted = part.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            for (ReportFormat format : ReportFormat.values()) {
                if (format.mediaType().split(";", 2)[0].trim().equals(wanted)) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }
}
