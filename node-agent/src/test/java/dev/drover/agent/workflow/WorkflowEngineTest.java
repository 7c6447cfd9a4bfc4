package dev.drover.agent.workflow;

import static dev.drover.agent.workflow.WorkflowFixture.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.agent.AgentTestWaits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowEngineTest {

    @Test
    void aWorkflowsConcurrencyRefusesAStartWhileItsRunsAreGoing(@TempDir Path dir) throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("upgrade", """
                    concurrency: 1
                    steps:
                      - {id: hold, type: approval, prompt: "go on?"}
                      - {id: work, type: shell, needs: hold, command: "echo upgraded"}
                    """);
            f.write("free", "steps:\n  - {id: hold, type: approval, prompt: \"go on?\"}\n");
            f.start(4);
            RunRecord first = f.engine.start("upgrade", Map.of(), "api", "ops");
            AgentTestWaits.until(() -> step(f.store.run(first.id()).orElseThrow(), "hold").status() == StepStatus.WAITING,
                    java.time.Duration.ofSeconds(10));

            assertThatThrownBy(() -> f.engine.start("upgrade", Map.of(), "api", "ops"))
                    .isInstanceOf(WorkflowRefusal.class)
                    .hasMessage("workflow 'upgrade' runs at most 1 at once (concurrency: 1) and run " + first.id()
                            + " is going; wait for it to end or cancel it");
            // Another workflow, without a limit, starts as often as asked.
            f.engine.start("free", Map.of(), "api", "ops");
            f.engine.start("free", Map.of(), "api", "ops");

            f.engine.decide(first.id(), "hold", -1, new Approvals.Decision(true, "ops", "go"));
            assertThat(f.engine.await(first.id(), java.time.Duration.ofSeconds(10)).status()).isEqualTo(RunStatus.SUCCEEDED);
            RunRecord second = f.engine.start("upgrade", Map.of(), "api", "ops");
            assertThat(second.status()).as("a start once the first has ended").isEqualTo(RunStatus.RUNNING);
        }
    }

    @Test
    void stepsRunInDependencyOrderAndPassOutputsOn(@TempDir Path dir) throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("chain", """
                    inputs:
                      who: world
                    steps:
                      - id: greet
                        type: shell
                        command: echo "hello {{ inputs.who }}"
                      - id: shout
                        type: shell
                        needs: greet
                        command: echo "{{ steps.greet.outputs.stdout | upper }}"
                        outputs:
                          loud: "{{ result.stdout }}!"
                    """);
            RunRecord run = f.run("chain", Map.of("who", "lab"));
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(step(run, "greet").outputs()).containsEntry("stdout", "hello lab").containsEntry("rc", 0);
            assertThat(step(run, "shout").outputs()).containsEntry("loud", "HELLO LAB!");
            assertThat(step(run, "shout").startedAt()).isAfterOrEqualTo(step(run, "greet").finishedAt());
        }
    }

    @Test
    void independentStepsOverlapInTime(@TempDir Path dir) throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("fan", """
                    steps:
                      - {id: a, type: shell, command: "sleep 0.6"}
                      - {id: b, type: shell, command: "sleep 0.6"}
                      - {id: c, type: shell, command: "sleep 0.6"}
                      - {id: join, type: shell, needs: [a, b, c], command: "true"}
                    """);
            RunRecord run = f.run("fan", Map.of());
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            var a = step(run, "a");
            var b = step(run, "b");
            var c = step(run, "c");
            // From the first start to the last end takes less than the three one after another.
            java.time.Instant first = java.util.stream.Stream.of(a, b, c).map(StepRecord::startedAt).min(java.util.Comparator.naturalOrder()).orElseThrow();
            java.time.Instant last = java.util.stream.Stream.of(a, b, c).map(StepRecord::finishedAt).max(java.util.Comparator.naturalOrder()).orElseThrow();
            long sum = java.util.stream.Stream.of(a, b, c).mapToLong(s -> java.time.Duration.between(s.startedAt(), s.finishedAt()).toMillis()).sum();
            assertThat(java.time.Duration.between(first, last).toMillis()).isLessThan(sum * 2 / 3);
            assertThat(a.startedAt()).isBefore(b.finishedAt());
            assertThat(b.startedAt()).isBefore(c.finishedAt());
            assertThat(c.startedAt()).isBefore(a.finishedAt());
        }
    }

    @Test
    void whenFalseSkipsAndDependantsStillRun(@TempDir Path dir) throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("cond", """
                    inputs:
                      upgrade: false
                    steps:
                      - {id: check, type: shell, command: "echo 3"}
                      - id: upgrade
                        type: shell
                        needs: check
                        when: inputs.upgrade and steps.check.outputs.stdout | int > 2
                        command: "echo upgraded"
                      - id: report
                        type: shell
                        needs: upgrade
                        command: "echo {{ steps.upgrade.status }}"
                    """);
            RunRecord skipped = f.run("cond", Map.of());
            assertThat(step(skipped, "upgrade").status()).isEqualTo(StepStatus.SKIPPED);
            assertThat(step(skipped, "report").outputs()).containsEntry("stdout", "skipped");
            RunRecord ran = f.run("cond", Map.of("upgrade", true));
            assertThat(step(ran, "upgrade").status()).isEqualTo(StepStatus.DONE);
            assertThat(step(ran, "report").outputs()).containsEntry("stdout", "done");
        }
    }

    @Test
    void retriesWithBackoffUntilTheStepSucceeds(@TempDir Path dir) throws Exception {
        Path counter = dir.resolve("attempts");
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("flaky", """
                    steps:
                      - id: flaky
                        type: shell
                        retries: 3
                        backoff: 100ms
                        command: "echo x >> %s; test $(wc -l < %s) -ge 3"
                    """.formatted(counter, counter));
            long begin = System.nanoTime();
            RunRecord run = f.run("flaky", Map.of());
            long millis = (System.nanoTime() - begin) / 1_000_000;
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(Files.readAllLines(counter)).hasSize(3);
            assertThat(step(run, "flaky").attempts()).isEqualTo(3);
            // Backoff doubles: 100 ms after the first failure, 200 ms after the second.
            assertThat(millis).isGreaterThanOrEqualTo(300);
            assertThat(step(run, "flaky").log()).contains("-- attempt 1", "-- attempt 3", "command exited with 1");
        }
    }

    @Test
    void retriesRunOutAndTheRunFails(@TempDir Path dir) throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("broken", """
                    steps:
                      - {id: bad, type: shell, retries: 2, backoff: 10ms, command: "echo nope >&2; exit 3"}
                      - {id: after, type: shell, needs: bad, command: "true"}
                    """);
            RunRecord run = f.run("broken", Map.of());
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.error()).isEqualTo("step bad failed: command exited with 3: nope");
            assertThat(step(run, "bad").attempts()).isEqualTo(3);
            assertThat(step(run, "bad").outputs()).containsEntry("rc", 3);
            assertThat(step(run, "after").status()).isEqualTo(StepStatus.PENDING);
        }
    }

    @Test
    void aTimeoutKillsTheCommandAndFailsTheStep(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("late");
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("slow", """
                    steps:
                      - {id: slow, type: shell, timeout: 300ms, command: "sleep 2; touch %s"}
                    """.formatted(marker));
            RunRecord run = f.run("slow", Map.of());
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(step(run, "slow").error()).isEqualTo("timed out after 300ms");
            Thread.sleep(2200);
            assertThat(marker).as("the killed command never finished").doesNotExist();
        }
    }

    @Test
    void onFailureContinueAndFallback(@TempDir Path dir) throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("recover", """
                    steps:
                      - {id: optional, type: shell, command: "exit 1", on_failure: continue}
                      - {id: primary, type: shell, command: "echo down >&2; exit 2", on_failure: rollback}
                      - id: rollback
                        type: shell
                        command: "echo rolled back after {{ steps.primary.outputs.rc }}"
                      - id: unused
                        type: shell
                        command: "true"
                      - {id: guarded, type: shell, command: "true", on_failure: unused}
                      - id: last
                        type: shell
                        needs: [optional, primary]
                        command: "echo {{ steps.optional.status }} {{ steps.primary.status }} {{ steps.rollback.status }}"
                    """);
            RunRecord run = f.run("recover", Map.of());
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(step(run, "rollback").outputs()).containsEntry("stdout", "rolled back after 2");
            assertThat(step(run, "last").outputs()).containsEntry("stdout", "failed failed done");
            assertThat(step(run, "unused").status()).isEqualTo(StepStatus.SKIPPED);
        }
    }

    @Test
    void forEachFansOutWithinItsConcurrencyAndGathersResults(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log");
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("mapreduce", """
                    inputs:
                      nodes: [lab1, lab2, lab3, lab4]
                    steps:
                      - id: map
                        type: shell
                        for_each: "{{ inputs.nodes }}"
                        concurrency: 2
                        command: "echo start >> %s; sleep 0.3; echo {{ item }}-{{ index }}; echo end >> %s"
                        outputs:
                          name: "{{ result.stdout }}"
                      - id: reduce
                        type: shell
                        needs: map
                        command: "echo {{ steps.map.outputs.results | map(attribute='name') | join(',') }}"
                    """.formatted(log, log));
            RunRecord run = f.run("mapreduce", Map.of());
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(step(run, "reduce").outputs()).containsEntry("stdout", "lab1-0,lab2-1,lab3-2,lab4-3");
            assertThat(run.steps().stream().filter(s -> s.stepId().equals("map") && s.item() >= 0)).hasSize(4)
                    .allMatch(s -> s.status() == StepStatus.DONE);
            // Never more than two items at once: count starts minus ends along the log.
            int busy = 0;
            int most = 0;
            for (String line : Files.readAllLines(log)) {
                busy += line.equals("start") ? 1 : -1;
                most = Math.max(most, busy);
            }
            assertThat(most).isEqualTo(2);
        }
    }

    @Test
    void forEachItemFailureFailsTheStepAfterAllItemsRan(@TempDir Path dir) throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("items", """
                    steps:
                      - id: each
                        type: shell
                        for_each: [1, 2, 3]
                        command: "test {{ item }} -ne 2"
                    """);
            RunRecord run = f.run("items", Map.of());
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(step(run, "each").error()).isEqualTo("1 of 3 items failed: item 1: command exited with 1");
            assertThat(run.steps().stream().filter(s -> s.item() >= 0).map(StepRecord::status).toList())
                    .containsExactly(StepStatus.DONE, StepStatus.FAILED, StepStatus.DONE);
        }
    }

    @Test
    void retryRunsOnlyWhatFailed(@TempDir Path dir) throws Exception {
        Path count = dir.resolve("count");
        Path fixed = dir.resolve("fixed");
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("fixme", """
                    steps:
                      - {id: first, type: shell, command: "echo first >> %s"}
                      - {id: second, type: shell, needs: first, command: "echo second >> %s; test -e %s"}
                      - {id: third, type: shell, needs: second, command: "echo third >> %s"}
                    """.formatted(count, count, fixed, count));
            RunRecord failed = f.run("fixme", Map.of());
            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            Files.writeString(fixed, "");
            f.engine.retry(failed.id());
            RunRecord retried = f.engine.await(failed.id(), java.time.Duration.ofSeconds(10));
            assertThat(retried.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(Files.readAllLines(count)).containsExactly("first", "second", "second", "third");
        }
    }

    @Test
    void cancelStopsRunningStepsAndStartsNoMore(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("after");
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("long", """
                    steps:
                      - {id: wait, type: shell, command: "sleep 5"}
                      - {id: after, type: shell, needs: wait, command: "touch %s"}
                    """.formatted(marker));
            f.start(4);
            RunRecord run = f.engine.start("long", Map.of(), "test", "tester");
            Thread.sleep(300);
            RunRecord cancelled = f.engine.cancel(run.id());
            assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(step(cancelled, "wait").status()).isEqualTo(StepStatus.CANCELLED);
            assertThat(step(cancelled, "after").status()).isEqualTo(StepStatus.PENDING);
            assertThat(marker).doesNotExist();
        }
    }

    @Test
    void inputsAreCheckedWhenARunStarts(@TempDir Path dir) throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("needs-input", """
                    inputs:
                      node: {description: the node to drain}
                    steps:
                      - {id: a, type: shell, command: "echo {{ inputs.node }}"}
                    """);
            f.start(2);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.engine.start("needs-input", Map.of(), "test", "t"))
                    .isInstanceOf(WorkflowRefusal.class).hasMessage("workflow 'needs-input' needs the input 'node'");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.engine.start("needs-input", Map.of("node", "x", "nod", 1), "test", "t"))
                    .isInstanceOf(WorkflowRefusal.class).hasMessageContaining("has no input 'nod'");
            assertThat(f.run("needs-input", Map.of("node", List.of("a")).entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (Object) "lab7"))).status())
                    .isEqualTo(RunStatus.SUCCEEDED);
        }
    }

    @Test
    void typedInputsAreReadAsTheirTypeOrRefusedBeforeTheRunStarts(@TempDir Path dir) throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("typed", """
                    inputs:
                      nodes: {type: list, choices: [lab1, lab2, lab3]}
                      batch: {type: integer, default: 2}
                      dry_run: {type: boolean, default: false}
                    steps:
                      - {id: a, type: shell, command: "echo {{ inputs.nodes | length * inputs.batch }} {{ inputs.dry_run }}"}
                    """);
            f.start(2);
            // Text where a number or a boolean is wanted (a form field, a CLI -e) is read as one.
            RunRecord run = f.run("typed", Map.of("nodes", List.of("lab1", "lab3"), "batch", "3", "dry_run", "yes"));
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.inputs().get("batch")).as("stored as a number").isInstanceOf(Number.class).hasToString("3");
            assertThat(run.inputs()).containsEntry("dry_run", true);
            assertThat(step(run, "a").outputs()).containsEntry("stdout", "6 True");

            assertThatThrownBy(() -> f.engine.start("typed", Map.of("nodes", List.of("lab1", "lab9")), "test", "t"))
                    .isInstanceOf(WorkflowRefusal.class)
                    .hasMessage("input 'nodes' of workflow 'typed' must be one of 'lab1', 'lab2', 'lab3', not 'lab9'");
            assertThatThrownBy(() -> f.engine.start("typed", Map.of("nodes", "lab1"), "test", "t"))
                    .isInstanceOf(WorkflowRefusal.class).hasMessage("input 'nodes' of workflow 'typed' is a list, not 'lab1'");
            assertThatThrownBy(() -> f.engine.start("typed", Map.of("nodes", List.of(), "batch", "two"), "test", "t"))
                    .isInstanceOf(WorkflowRefusal.class).hasMessage("input 'batch' of workflow 'typed' is a whole number, not 'two'");
            assertThat(f.engine.recent("typed", 10)).as("no refused start left a run").hasSize(1);
        }
    }

    @Test
    void finishedRunsBeyondKeepRunsAreTrimmedOldestFirst(@TempDir Path dir) throws Exception {
        try (RunStore store = new RunStore(dir.resolve("runs.sqlite"), 3)) {
            RunStore.Source source = new RunStore.Source("steps: []", dir.resolve("w.yml"));
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String id = "run-" + i;
                ids.add(id);
                store.create(new RunRecord(id, "w", Map.of(), RunStatus.RUNNING, "test", "t", null, null,
                        java.time.Instant.now(), null, List.of()), source);
                store.save(id, StepRecord.pending("a", -1));
            }
            for (int i = 1; i < 5; i++) {
                store.finish("run-" + i, RunStatus.SUCCEEDED, null);
            }
            // run-0 is still running: never trimmed. Of the four finished, the newest three stay.
            assertThat(store.recent(null, 100)).extracting(RunRecord::id).containsExactly("run-4", "run-3", "run-2", "run-0");
            assertThat(store.run("run-1")).isEmpty();
            assertThat(store.run("run-0").orElseThrow().steps()).hasSize(1);
        }
    }
}
