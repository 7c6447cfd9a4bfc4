package dev.drover.agent.workflow;

import dev.drover.agent.checks.CheckFiles;
import dev.drover.agent.checks.FileRun;
import dev.drover.agent.checks.ScheduledFile;
import dev.drover.agent.config.DurationText;
import dev.drover.checks.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: check}: runs one of the agent's check files now (the same run the schedule
 * makes, recorded in the history). With {@code wait_until_passing: true} it runs it again
 * every {@code interval} (default 5s) until it passes or {@code wait_timeout} (default 10m)
 * passes. Outputs healthy and the counts of passed, failed and warned properties.
 */
final class CheckStep implements StepType {

    private final CheckFiles files;

    CheckStep(CheckFiles files) {
        this.files = files;
    }

    @Override
    public String name() {
        return "check";
    }

    @Override
    public Set<String> arguments() {
        return Set.of("file", "wait_until_passing", "interval", "wait_timeout");
    }

    @Override
    public Set<String> required() {
        return Set.of("file");
    }

    @Override
    public StepResult run(StepCall call) throws InterruptedException {
        String name = String.valueOf(call.args().get("file"));
        ScheduledFile file = find(name);
        boolean wait = Boolean.TRUE.equals(call.args().get("wait_until_passing"));
        Duration interval = duration(call, "interval", Duration.ofSeconds(5));
        Instant giveUp = Instant.now().plus(duration(call, "wait_timeout", Duration.ofMinutes(10)));
        while (true) {
            FileRun run = files.run(file);
            Map<String, Object> outputs = new LinkedHashMap<>();
            outputs.put("healthy", run.healthy());
            outputs.put("passed", run.count(Outcome.PASS));
            outputs.put("failed", run.count(Outcome.FAIL));
            outputs.put("warned", run.count(Outcome.WARN));
            call.log(file.name() + ": " + (run.healthy() ? "passing" : run.count(Outcome.FAIL) + " failed"));
            if (run.healthy()) {
                return StepResult.ok(outputs);
            }
            if (!wait || Instant.now().plus(interval).isAfter(giveUp)) {
                return StepResult.failed(file.name() + " is failing (" + run.count(Outcome.FAIL) + " failed)"
                        + (wait ? " after waiting " + call.args().getOrDefault("wait_timeout", "10m") : ""), outputs);
            }
            Thread.sleep(interval.toMillis());
        }
    }

    /** By the path as the config gives it, its file name, or the file name without .yml. */
    private ScheduledFile find(String name) {
        for (ScheduledFile file : files.all()) {
            Path path = file.config().path();
            String base = path.getFileName().toString();
            if (file.name().equals(name) || base.equals(name) || base.replaceFirst("\\.ya?ml$", "").equals(name)) {
                return file;
            }
        }
        throw new IllegalArgumentException("no check file '" + name + "' in this agent's config");
    }

    private static Duration duration(StepCall call, String key, Duration fallback) {
        Object value = call.args().get(key);
        if (value == null) {
            return fallback;
        }
        return DurationText.parse(value).orElseThrow(() -> new IllegalArgumentException(key + " must be a duration such as 5s, not '" + value + "'"));
    }
}
