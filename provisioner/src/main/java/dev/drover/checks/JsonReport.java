package dev.drover.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Goss's json format, one entry per host under "hosts": each has Goss's "results" and
 * "summary", plus "outcome" and "severity" per result so warnings can be told from failures.
 */
final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static String render(List<HostReport> reports) {
        List<Object> hosts = new ArrayList<>();
        for (HostReport report : reports) {
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("host", report.host());
            host.put("started-at", report.startedAt().toString());
            List<Object> results = new ArrayList<>();
            for (CheckResult result : report.results()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("duration", result.duration().toNanos());
                entry.put("err", null);
                entry.put("expected", List.of(result.expected()));
                entry.put("found", result.outcome() == Outcome.SKIP ? null : List.of(result.found()));
                entry.put("human", result.outcome() == Outcome.PASS ? "" : result.message());
                entry.put("meta", null);
                entry.put("property", result.property());
                entry.put("resource-id", result.id());
                entry.put("resource-type", Lines.displayType(result));
                entry.put("result", switch (result.outcome()) {
                    case PASS -> 0;
                    case FAIL, WARN -> 1;
                    case SKIP -> 2;
                });
                entry.put("successful", result.outcome() == Outcome.PASS || result.outcome() == Outcome.SKIP);
                entry.put("summary-line", Lines.of(result));
                entry.put("test-type", 0);
                entry.put("title", result.title());
                entry.put("outcome", result.outcome().name().toLowerCase());
                entry.put("source", result.source().toString());
                results.add(entry);
            }
            host.put("results", results);
            host.put("summary", summary(List.of(report)));
            hosts.add(host);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("hosts", hosts);
        document.put("summary", summary(reports));
        try {
            return JSON.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> summary(List<HostReport> reports) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("failed-count", reports.stream().mapToLong(r -> r.count(Outcome.FAIL)).sum());
        summary.put("warned-count", reports.stream().mapToLong(r -> r.count(Outcome.WARN)).sum());
        summary.put("skipped-count", reports.stream().mapToLong(r -> r.count(Outcome.SKIP)).sum());
        summary.put("summary-line", Lines.summary(reports));
        summary.put("test-count", reports.stream().mapToLong(r -> r.results().size()).sum());
        summary.put("total-duration", reports.stream().mapToLong(r -> r.duration().toNanos()).max().orElse(0));
        summary.put("healthy", reports.stream().allMatch(HostReport::healthy));
        return summary;
    }
}
