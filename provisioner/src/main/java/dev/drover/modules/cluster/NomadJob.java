package dev.drover.modules.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.UserError;
import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.nomad.JobFile;
import dev.drover.nomad.NomadClient;
import dev.drover.nomad.NomadSettings;
import dev.drover.nomad.PlanReport;
import dev.drover.nomad.RunMonitor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * nomad_job: a Nomad job present (registered, and with {@code wait}, deployed healthy) or
 * absent (stopped), talking to Nomad from the controller. "What is" and "what should be" are
 * decided by Nomad's own plan: no changes is ok, changes is changed with the plan's diff, and
 * in check mode the plan is all that happens. The job comes from {@code src} (a file on the
 * controller) or {@code content} (HCL/JSON text, or a mapping that is the job as JSON).
 */
public final class NomadJob implements Module {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.path("src"),
            Arg.raw("content"),
            Arg.str("content_format").choices("hcl", "json"),
            Arg.str("state").defaultsTo("present").choices("present", "absent"),
            Arg.str("name"),
            Arg.of("vars", ArgType.DICT),
            Arg.bool("wait", true),
            Arg.of("wait_timeout", ArgType.INT).defaultsTo(600L),
            Arg.bool("purge", false),
            Arg.str("address").aliases("nomad_addr"),
            Arg.str("token"),
            Arg.str("namespace"),
            Arg.str("region"),
            Arg.path("ca_cert").aliases("cacert"))
            .mutuallyExclusive("src", "content");

    private final Map<String, String> environment;

    public NomadJob() {
        this(System.getenv());
    }

    /** @param environment where NOMAD_ADDR, NOMAD_TOKEN... come from when the task does not say */
    public NomadJob(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return "nomad_job";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        NomadClient client;
        try {
            client = new NomadClient(settings(args));
            return args.string("state").equals("absent") ? absent(args, context, client) : present(args, context, client);
        } catch (UserError e) {
            return ModuleResult.failed(e.describe());
        }
    }

    private NomadSettings settings(ModuleArgs args) {
        Map<String, String> env = new HashMap<>(environment);
        putIfGiven(env, "NOMAD_ADDR", args.string("address"));
        putIfGiven(env, "NOMAD_TOKEN", args.string("token"));
        putIfGiven(env, "NOMAD_NAMESPACE", args.string("namespace"));
        putIfGiven(env, "NOMAD_REGION", args.string("region"));
        putIfGiven(env, "NOMAD_CACERT", args.string("ca_cert"));
        return NomadSettings.fromEnvironment(env);
    }

    private static void putIfGiven(Map<String, String> env, String name, String value) {
        if (value != null && !value.isBlank()) {
            env.put(name, value);
        }
    }

    private ModuleResult present(ModuleArgs args, ModuleContext context, NomadClient client) throws IOException {
        JsonNode job = job(args, context, client);
        JsonNode plan = client.plan(job);
        String jobId = job.path("ID").asText();
        String planText = PlanReport.render(plan, args.has("src") ? args.string("src") : "content");
        long modifyIndex = plan.path("JobModifyIndex").asLong();
        if (!PlanReport.changes(plan)) {
            return ModuleResult.builder().msg("job " + jobId + " is up to date").put("job_id", jobId)
                    .put("job_modify_index", modifyIndex).build();
        }
        Map<String, Object> diff = Map.of("prepared", planText);
        if (context.checkMode()) {
            return ModuleResult.builder().changed(true).msg("job " + jobId + " would change").put("job_id", jobId)
                    .put("job_modify_index", modifyIndex).put("diff", diff).build();
        }
        // the index the plan was made against: a job changed by someone else in between is refused, not overwritten
        JsonNode registered = client.register(job, OptionalLong.of(modifyIndex));
        String evalId = registered.path("EvalID").asText("");
        ModuleResult.Builder result = ModuleResult.builder().changed(true).put("job_id", jobId)
                .put("job_modify_index", registered.path("JobModifyIndex").asLong()).put("eval_id", evalId)
                .put("diff", diff);
        if (!args.bool("wait") || evalId.isEmpty()) {
            return result.msg("job " + jobId + " registered").build();
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        RunMonitor.Outcome outcome;
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            outcome = new RunMonitor(client, out, Duration.ofSeconds(args.integer("wait_timeout"))).follow(evalId);
        }
        String report = text.toString(StandardCharsets.UTF_8);
        result.put("stdout", report).put("stdout_lines", List.of(report.split("\n")));
        if (outcome == RunMonitor.Outcome.FAILED) {
            return result.failed("job " + jobId + " was registered but did not become healthy:\n" + report.stripTrailing())
                    .build();
        }
        return result.msg("job " + jobId + " registered and healthy").build();
    }

    private ModuleResult absent(ModuleArgs args, ModuleContext context, NomadClient client) throws IOException {
        String jobId = args.string("name");
        if (jobId == null) {
            if (!args.has("src") && !args.has("content")) {
                return ModuleResult.failed("state=absent needs name, src or content");
            }
            jobId = job(args, context, client).path("ID").asText();
        }
        JsonNode existing = client.jobOrNull(jobId);
        boolean stopped = existing != null && existing.path("Stop").asBoolean();
        if (existing == null || (stopped && !args.bool("purge"))) {
            return ModuleResult.builder().msg("job " + jobId + " is absent").put("job_id", jobId).build();
        }
        if (!context.checkMode()) {
            client.stop(jobId, args.bool("purge"));
        }
        return ModuleResult.builder().changed(true).put("job_id", jobId)
                .msg("job " + jobId + (context.checkMode() ? " would be stopped" : " stopped")
                        + (args.bool("purge") ? " and purged" : "")).build();
    }

    private JsonNode job(ModuleArgs args, ModuleContext context, NomadClient client) throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        if (args.has("vars")) {
            args.dict("vars").forEach((k, v) -> variables.put(k, String.valueOf(v)));
        }
        String format = args.string("content_format");
        if (args.has("src")) {
            String src = args.string("src");
            Path file = context.files() == null ? Path.of(src)
                    : context.files().find("files", src).orElseThrow(() -> new UserError("Could not find or access '" + src + "'"));
            String name = format == null ? file.getFileName().toString() : "job." + format;
            return JobFile.load(client, name, Files.readString(file, StandardCharsets.UTF_8), variables, "");
        }
        Object content = args.get("content");
        if (content instanceof Map<?, ?> || content instanceof List<?>) {
            return JobFile.load(client, "content.json", JSON.writeValueAsString(content), variables, "");
        }
        if (content == null) {
            throw new UserError("state=present needs src or content");
        }
        String name = format == null ? "content" : "content." + format;
        return JobFile.load(client, name, String.valueOf(content), variables, "");
    }
}
