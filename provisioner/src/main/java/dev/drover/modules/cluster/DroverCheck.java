package dev.drover.modules.cluster;

import dev.drover.SourceLocation;
import dev.drover.UserError;
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
import dev.drover.vault.Vault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * drover_check: runs a check file (docs/checks.md, the language of {@code drover check} and
 * the agent) on the host as a task, so a play can refuse to go on when a host is not fit
 * (the preflight role) or end with the cluster's health (verify.yml). Drover's own module:
 * Ansible has no equivalent. The file is a template found as the template module finds its
 * {@code src} (the role's templates/, then files/, then beside the playbook) and rendered
 * with the task's variables, facts included. It only reads the host, so it runs in check mode
 * too, and never reports changed. A failed check fails the task; a check of
 * {@code severity: warn} becomes a warning.
 */
public final class DroverCheck implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.path("src").mandatory(),
            Arg.of("default_timeout", ArgType.INT).defaultsTo(10L));

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
        Optional<Path> found = context.files().find("templates", src).or(() -> context.files().find("files", src));
        if (found.isEmpty()) {
            return ModuleResult.failed("Could not find or access '" + src + "' on the Ansible Controller.");
        }
        long timeoutSeconds = args.integer("default_timeout");
        if (timeoutSeconds <= 0) {
            return ModuleResult.failed("default_timeout must be a number of seconds above zero, not " + timeoutSeconds);
        }
        HostReport report;
        try {
            String text = new String(readFile(found.get()), StandardCharsets.UTF_8);
            String rendered = context.templates().renderFile(found.get(), text);
            CheckFile file = CheckFile.parse(rendered, found.get(), Map.of());
            report = new CheckRunner(Duration.ofSeconds(timeoutSeconds)).run(file, asConnection(context.target()));
        } catch (UserError e) {
            return ModuleResult.failed(e.describe());
        } catch (UncheckedIOException e) {
            // the host went away: the executor reports it unreachable, as for any module
            throw e.getCause();
        }
        return result(report);
    }

    /** The task's result: every property's verdict, the counts, and the failures in msg. */
    static ModuleResult result(HostReport report) {
        List<Map<String, Object>> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (CheckResult r : report.results()) {
            // one line each, also when a found value ends with a line break
            String line = r.line().replaceAll("\\s*\\R\\s*", " ");
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("resource_type", r.type());
            one.put("resource_id", r.id());
            one.put("title", r.title());
            one.put("property", r.property());
            one.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
            one.put("expected", r.expected());
            one.put("found", r.found());
            one.put("summary_line", line);
            results.add(one);
            if (r.outcome() == Outcome.FAIL) {
                failures.add(line);
            } else if (r.outcome() == Outcome.WARN) {
                warnings.add(line);
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", report.results().size());
        summary.put("failed", report.count(Outcome.FAIL));
        summary.put("warnings", report.count(Outcome.WARN));
        summary.put("skipped", report.count(Outcome.SKIP));
        summary.put("duration_s", report.duration().toMillis() / 1000.0);
        ModuleResult.Builder builder = ModuleResult.builder().put("results", results).put("summary", summary)
                .put("warnings", warnings);
        if (!failures.isEmpty()) {
            return builder.failed(failures.size() + " of " + report.results().size() + " checks failed: "
                    + String.join("; ", failures)).build();
        }
        return builder.msg(report.results().size() + " checks passed"
                + (warnings.isEmpty() ? "" : ", " + warnings.size() + " with a warning")).build();
    }

    private static byte[] readFile(Path path) {
        try {
            return Vault.current().readFile(path);
        } catch (IOException e) {
            throw new UserError("cannot read the check file: " + e.getMessage(), SourceLocation.of(path), null);
        }
    }

    /** The check runner speaks to a Connection; the task's Target adds become and the environment. */
    private static Connection asConnection(Target target) {
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
                // the executor owns the host's connection
            }
        };
    }
}
