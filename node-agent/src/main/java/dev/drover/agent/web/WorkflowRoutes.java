package dev.drover.agent.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.UserError;
import dev.drover.agent.workflow.Approvals;
import dev.drover.agent.workflow.InputType;
import dev.drover.agent.workflow.RunQuery;
import dev.drover.agent.workflow.RunRecord;
import dev.drover.agent.workflow.RunStatus;
import dev.drover.agent.workflow.StepDefinition;
import dev.drover.agent.workflow.StepRecord;
import dev.drover.agent.workflow.WorkflowDefinition;
import dev.drover.agent.workflow.WorkflowEngine;
import dev.drover.agent.workflow.WorkflowRefusal;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** /api/v1/workflows: the workflows, their runs, and what operators do to runs (docs/api.md). */
final class WorkflowRoutes {

    private final WorkflowEngine engine;
    private final java.util.function.Supplier<dev.drover.agent.workflow.Reloaded> reload;
    private final ObjectMapper json;

    WorkflowRoutes(WorkflowEngine engine, java.util.function.Supplier<dev.drover.agent.workflow.Reloaded> reload, ObjectMapper json) {
        this.engine = engine;
        this.reload = reload;
        this.json = json;
    }

    /** An input as the page builds its field: {@code type} and {@code choices} are null when the file gives none. */
    record InputView(String name, Object defaultValue, boolean required, String description, String type, List<Object> choices) {
    }

    record StepOutline(String id, String type, List<String> needs, String when, String onFailure, boolean forEach) {
    }

    record WorkflowView(String name, String description, String file, String schedule, WorkflowDefinition.Triggers on,
                        Integer concurrency, List<InputView> inputs, List<StepOutline> steps) {
    }

    record ItemView(int index, String status, int attempts, Map<String, Object> outputs, String error, String log,
                    Instant startedAt, Instant finishedAt, Long durationMs, Map<String, Object> detail) {
    }

    record StepView(String id, String type, List<String> needs, String status, int attempts, Map<String, Object> outputs,
                    String error, String log, Instant startedAt, Instant finishedAt, Long durationMs,
                    Map<String, Object> detail, List<ItemView> items) {
    }

    record RunView(String id, String workflow, String status, String trigger, String who, String parentRun, String error,
                   Instant createdAt, Instant finishedAt, Long durationMs, Map<String, Object> inputs, List<StepView> steps) {
    }

    /** A validation's answer; a mistake also comes as its line and column (1-based) for the page to point at. */
    record ValidationView(boolean valid, String name, int steps, String error, Integer line, Integer column,
                          String message, String hint) {
    }

    static WorkflowView workflow(WorkflowDefinition w) {
        List<InputView> inputs = w.inputs().values().stream()
                .map(i -> new InputView(i.name(), i.defaultValue(), i.required(), i.description(),
                        i.type().map(InputType::fileName).orElse(null), i.choices().isEmpty() ? null : i.choices())).toList();
        return new WorkflowView(w.name(), w.description(), w.file().toString(), w.schedule().orElse(null), w.on(),
                w.concurrency().isPresent() ? w.concurrency().getAsInt() : null, inputs,
                w.steps().stream().map(WorkflowRoutes::outline).toList());
    }

    private static StepOutline outline(StepDefinition s) {
        String onFailure = switch (s.onFailure().kind()) {
            case FAIL -> "fail";
            case CONTINUE -> "continue";
            case FALLBACK -> s.onFailure().fallback();
        };
        return new StepOutline(s.id(), s.type(), s.needs(), s.when().orElse(null), onFailure, s.forEach().isPresent());
    }

    RunView run(RunRecord run) {
        Optional<WorkflowDefinition> definition = engine.catalog().named(run.workflow());
        List<StepView> steps = new ArrayList<>();
        for (StepRecord step : run.steps()) {
            if (step.item() >= 0) {
                continue;
            }
            Optional<StepDefinition> declared = definition.flatMap(d -> d.step(step.stepId()));
            List<ItemView> items = run.steps().stream().filter(s -> s.stepId().equals(step.stepId()) && s.item() >= 0)
                    .map(i -> new ItemView(i.item(), i.status().label(), i.attempts(), i.outputs(), i.error(), i.log(),
                            i.startedAt(), i.finishedAt(), millis(i.startedAt(), i.finishedAt()), i.detail())).toList();
            steps.add(new StepView(step.stepId(), declared.map(StepDefinition::type).orElse(null),
                    declared.map(StepDefinition::needs).orElse(List.of()), step.status().label(), step.attempts(), step.outputs(),
                    step.error(), step.log(), step.startedAt(), step.finishedAt(), millis(step.startedAt(), step.finishedAt()),
                    step.detail(), items));
        }
        return new RunView(run.id(), run.workflow(), run.status().label(), run.trigger(), run.who(), run.parentRun(), run.error(),
                run.createdAt(), run.finishedAt(), millis(run.createdAt(), run.finishedAt()), run.inputs(), steps);
    }

    private static Long millis(Instant start, Instant end) {
        return start == null || end == null ? null : Duration.between(start, end).toMillis();
    }

    void list(Context ctx) {
        ctx.json(engine.catalog().all().stream().map(WorkflowRoutes::workflow).toList());
    }

    record WorkflowSource(WorkflowView workflow, String source) {
    }

    /** One workflow as the list shows it, with its file's text (what the page loads into its checker). */
    void one(Context ctx) {
        String name = ctx.pathParam("name");
        WorkflowDefinition found = engine.catalog().named(name)
                .orElseThrow(() -> new Refusal(404, "no workflow '" + name + "' in " + engine.catalog().dir()));
        ctx.json(new WorkflowSource(workflow(found), found.source()));
    }

    void validate(Context ctx) {
        String label = Optional.ofNullable(ctx.queryParam("name")).orElse("workflow.yml");
        try {
            WorkflowDefinition checked = engine.catalog().validate(ctx.body(), label);
            ctx.json(new ValidationView(true, checked.name(), checked.steps().size(), null, null, null, null, null));
        } catch (UserError e) {
            ctx.attribute(PowerRoutes.RESULT, "invalid: " + e.getMessage());
            boolean known = e.location().isKnown() && e.location().line() > 0;
            ctx.status(422).json(new ValidationView(false, null, 0, e.describe(), known ? e.location().line() : null,
                    known && e.location().column() > 0 ? e.location().column() : null, e.getMessage(), e.hint()));
        }
    }

    record ReloadView(boolean reloaded, List<String> workflows, List<String> added, List<String> removed, List<String> changed,
                      String error) {
    }

    /** Reads the workflow files again; a file that does not load changes nothing and is named (422). */
    void reload(Context ctx) {
        try {
            dev.drover.agent.workflow.Reloaded change = reload.get();
            ctx.attribute(PowerRoutes.RESULT, "reloaded: " + change);
            ctx.json(new ReloadView(true, change.workflows(), change.added(), change.removed(), change.changed(), null));
        } catch (UserError e) {
            ctx.attribute(PowerRoutes.RESULT, "not reloaded: " + e.getMessage());
            List<String> kept = engine.catalog().all().stream().map(WorkflowDefinition::name).sorted().toList();
            ctx.status(422).json(new ReloadView(false, kept, List.of(), List.of(), List.of(), e.describe()));
        }
    }

    void start(Context ctx) {
        String name = ctx.pathParam("name");
        JsonNode body = body(ctx);
        JsonNode inputs = body.path("inputs");
        if (!inputs.isMissingNode() && !inputs.isObject()) {
            throw new Refusal(400, "\"inputs\" must be an object of input names to values");
        }
        Map<String, Object> given = inputs.isMissingNode() ? Map.of() : json.convertValue(inputs, LinkedHashMap.class);
        RunRecord run = call(() -> engine.start(name, given, "api", AccessControl.caller(ctx).name()));
        ctx.attribute(PowerRoutes.RESULT, "started run " + run.id() + " of " + name);
        ctx.status(201).json(run(run));
    }

    /**
     * A page of runs, newest first. One more than asked is read to know whether older runs exist;
     * if so a Link header (rel="next") gives the next page's URL, with the same filters.
     */
    void runs(Context ctx) {
        int limit = LimitParameter.of(ctx);
        RunQuery query = new RunQuery(Optional.ofNullable(ctx.queryParam("workflow")).filter(w -> !w.isEmpty()),
                status(ctx), Optional.ofNullable(ctx.queryParam("before")).filter(b -> !b.isEmpty()), limit + 1);
        List<RunRecord> page = call(() -> engine.runs(query));
        if (page.size() > limit) {
            page = page.subList(0, limit);
            ctx.header("Link", "<" + nextPage(ctx, page.get(limit - 1).id()) + ">; rel=\"next\"");
        }
        ctx.json(page.stream().map(this::run).toList());
    }

    private static Optional<RunStatus> status(Context ctx) {
        String text = ctx.queryParam("status");
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        for (RunStatus status : RunStatus.values()) {
            if (status.label().equals(text)) {
                return Optional.of(status);
            }
        }
        throw new Refusal(400, "status must be one of running, succeeded, failed, cancelled, not '" + text + "'");
    }

    /** This request's URL with before= the page's last run, every other parameter as it was. */
    private static String nextPage(Context ctx, String lastId) {
        StringBuilder url = new StringBuilder(ctx.path()).append("?");
        ctx.queryParamMap().forEach((name, values) -> {
            if (!name.equals("before")) {
                values.forEach(v -> url.append(encode(name)).append('=').append(encode(v)).append('&'));
            }
        });
        return url.append("before=").append(encode(lastId)).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    void get(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(run(engine.run(id).orElseThrow(() -> new Refusal(404, "no run '" + id + "'"))));
    }

    void cancel(Context ctx) {
        RunRecord run = call(() -> engine.cancel(ctx.pathParam("id")));
        ctx.attribute(PowerRoutes.RESULT, "cancelled run " + run.id());
        ctx.json(run(run));
    }

    void retry(Context ctx) {
        RunRecord run = call(() -> engine.retry(ctx.pathParam("id")));
        ctx.attribute(PowerRoutes.RESULT, "retried run " + run.id());
        ctx.json(run(run));
    }

    void approve(Context ctx) {
        decide(ctx, true);
    }

    void reject(Context ctx) {
        decide(ctx, false);
    }

    private void decide(Context ctx, boolean approved) {
        String id = ctx.pathParam("id");
        String step = ctx.pathParam("step");
        int item = item(ctx);
        JsonNode body = body(ctx);
        String comment = body.path("comment").asText("");
        String who = AccessControl.caller(ctx).name();
        call(() -> engine.decide(id, step, item, new Approvals.Decision(approved, who, comment)));
        ctx.attribute(PowerRoutes.RESULT, (approved ? "approved" : "rejected") + " step " + step + " of run " + id);
        RunRecord now = engine.run(id).orElseThrow();
        ctx.json(run(now));
    }

    private static int item(Context ctx) {
        String text = ctx.queryParam("item");
        if (text == null) {
            return -1;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new Refusal(400, "item must be the for_each item's index, not '" + text + "'");
        }
    }

    private JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode tree = json.readTree(text);
            if (tree == null || !tree.isObject()) {
                throw new Refusal(400, "send a JSON object");
            }
            return tree;
        } catch (IOException e) {
            throw new Refusal(400, "the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static <T> T call(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (WorkflowRefusal e) {
            throw new Refusal(e.status(), e.getMessage());
        }
    }
}
