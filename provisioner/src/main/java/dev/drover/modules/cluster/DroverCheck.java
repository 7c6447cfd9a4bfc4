package dev.drover.modules.cluster;

import dev.drover.UserError;
import dev.drover.checks.Check;
import dev.drover.checks.CheckFile;
import dev.drover.checks.CheckResult;
import dev.drover.checks.CheckRunner;
import dev.drover.checks.HostReport;
import dev.drover.checks.Outcome;
import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.CommandResult;
import dev.drover.transport.Connection;
import dev.drover.transport.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * drover_check: runs a check file (docs/checks.md) on the host inside a play, as
 * {@code drover check} does over SSH: rendered with the task's variables, one remote command,
 * judged in Java. Never changes anything, so it runs in check mode too. Fails when a check
 * fails (warnings do not), and reports every verdict, so a play can print a summary.
 */
public final class DroverCheck implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.path("src").mandatory(),
            Arg.of("retry_timeout", ArgType.INT).defaultsTo(0L),
            Arg.of("sleep", ArgType.INT).defaultsTo(1L),
            Arg.of("default_timeout", ArgType.INT).defaultsTo(10L),
            Arg.str("group_by"));

    @Override
    public String name() {
        return "drover_check";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        String src = args.string("src");
        Path path = context.files().find("files", src).orElse(null);
        if (path == null) {
            return ModuleResult.failed("Could not find or access '" + src + "' (the check file) in the role's files/ "
                    + "or beside the playbook");
        }
        CheckFile file;
        try {
            String rendered = context.templates().renderFile(path, Files.readString(path, StandardCharsets.UTF_8));
            file = CheckFile.parse(rendered, path, Map.of());
        } catch (UserError e) {
            return ModuleResult.failed(e.describe());
        }
        CheckRunner runner = new CheckRunner(Duration.ofSeconds(args.integer("default_timeout")));
        Connection connection = connectionOf(context.target());
        long deadline = System.nanoTime() + Duration.ofSeconds(args.integer("retry_timeout")).toNanos();
        HostReport report;
        try {
            report = runner.run(file, connection);
            while (!report.healthy() && System.nanoTime() < deadline) {
                Thread.sleep(Duration.ofSeconds(args.integer("sleep")).toMillis());
                report = runner.run(file, connection);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ModuleResult.failed("interrupted while waiting for the checks to pass");
        }
        return result(file, report, args.string("group_by"));
    }

    /** The verdicts as result fields; pure, so the summary a play prints is tested without a host. */
    static ModuleResult result(CheckFile file, HostReport report, String groupBy) {
        Map<String, Map<String, Object>> metaOf = new LinkedHashMap<>();
        for (Check check : file.checks()) {
            metaOf.put(check.type() + "\u0000" + check.id(), metaMap(check.properties().get("meta")));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, String> groups = new LinkedHashMap<>();
        for (CheckResult r : report.results()) {
            Map<String, Object> meta = metaOf.getOrDefault(r.type() + "\u0000" + r.id(), Map.of());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", r.type());
            entry.put("id", r.id());
            entry.put("property", r.property());
            entry.put("title", r.title());
            entry.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
            entry.put("expected", r.expected());
            entry.put("found", r.found());
            entry.put("message", r.message());
            entry.put("meta", meta);
            results.add(entry);
            String line = r.type() + ": " + r.id() + ": " + r.property() + ": " + r.message();
            if (r.outcome() == Outcome.FAIL) {
                failures.add(line);
            } else if (r.outcome() == Outcome.WARN) {
                warnings.add(line);
            }
            if (groupBy != null && meta.get(groupBy) != null) {
                groups.merge(String.valueOf(meta.get(groupBy)), outcomeWord(r.outcome()), DroverCheck::worse);
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", report.results().size());
        summary.put("failed", report.count(Outcome.FAIL));
        summary.put("warnings", report.count(Outcome.WARN));
        summary.put("skipped", report.count(Outcome.SKIP));
        summary.put("duration", report.duration().toMillis() / 1000.0);
        ModuleResult.Builder builder = ModuleResult.builder().put("healthy", report.healthy()).put("summary", summary)
                .put("results", results).put("failures", failures).put("warnings", warnings);
        if (groupBy != null) {
            builder.put("groups", groups);
        }
        String counts = "Count: " + summary.get("count") + ", Failed: " + summary.get("failed") + ", Warnings: "
                + summary.get("warnings") + ", Skipped: " + summary.get("skipped");
        if (!report.healthy()) {
            return builder.failed(failures.size() + " of " + report.results().size() + " checks failed: "
                    + String.join("; ", failures)).build();
        }
        return builder.msg(counts).build();
    }

    private static Map<String, Object> metaMap(Object meta) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (meta instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }

    /** pass < skip < warn < fail: a group shows its worst verdict. */
    private static String worse(String a, String b) {
        List<String> order = List.of("pass", "skip", "warn", "fail");
        return order.indexOf(a) >= order.indexOf(b) ? a : b;
    }

    private static String outcomeWord(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    /** The task's host (become and environment included) as the check runner's connection. */
    private static Connection connectionOf(Target target) {
        return new Connection() {
            @Override
            public String hostName() {
                return target.hostName();
            }

            @Override
            public CommandResult run(String command, byte[] stdin) throws IOException {
                return target.run(command, stdin);
            }

            @Override
            public void close() {
            }
        };
    }
}
