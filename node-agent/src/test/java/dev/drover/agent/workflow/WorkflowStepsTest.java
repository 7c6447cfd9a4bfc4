package dev.drover.agent.workflow;

import static dev.drover.agent.workflow.WorkflowFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowStepsTest {

    @Test
    void anApprovalExpiresToItsDefault(@TempDir Path dir) throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("expiring", """
                    steps:
                      - {id: go, type: approval, expires_after: 300ms, default: approve}
                      - {id: stop, type: approval, expires_after: 300ms, on_failure: continue}
                      - {id: after, type: shell, needs: [go, stop], command: "echo {{ steps.go.outputs.approved }} {{ steps.stop.outputs.approved }}"}
                    """);
            RunRecord run = f.run("expiring", Map.of());
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(step(run, "go").outputs()).containsEntry("expired", true).containsEntry("by", "default");
            assertThat(step(run, "stop").status()).isEqualTo(StepStatus.FAILED);
            assertThat(step(run, "stop").error()).isEqualTo("expired; the default is reject");
            assertThat(step(run, "after").outputs()).containsEntry("stdout", "True False");
        }
    }

    @Test
    void aSubWorkflowRunsWithInputsAndHandsBackItsOutputs(@TempDir Path dir) throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("child", """
                    inputs:
                      node: {}
                    steps:
                      - {id: upgrade, type: shell, command: "echo upgraded {{ inputs.node }}"}
                    """);
            f.write("parent", """
                    inputs:
                      nodes: [lab1, lab2]
                    steps:
                      - id: each
                        type: workflow
                        for_each: "{{ inputs.nodes }}"
                        workflow: child
                        inputs: {node: "{{ item }}"}
                      - id: report
                        type: shell
                        needs: each
                        command: "echo {{ steps.each.outputs.results | map(attribute='steps') | map(attribute='upgrade') | map(attribute='stdout') | join(',') }}"
                    """);
            RunRecord run = f.run("parent", Map.of());
            assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(step(run, "report").outputs()).containsEntry("stdout", "upgraded lab1,upgraded lab2");
            List<RunRecord> children = f.engine.recent("child", 10);
            assertThat(children).hasSize(2).allMatch(c -> run.id().equals(c.parentRun()) && c.status() == RunStatus.SUCCEEDED);
        }
    }

    @Test
    void httpStepSendsJsonChecksTheStatusAndGoesThroughTheGuard(@TempDir Path dir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger hits = new AtomicInteger();
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        server.createContext("/deploy", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"version\": 7}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        List<URI> guarded = Collections.synchronizedList(new ArrayList<>());
        CallGuard recording = new CallGuard() {
            @Override
            public <T> T call(URI endpoint, Callable<T> call) throws Exception {
                guarded.add(endpoint);
                return call.call();
            }
        };
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        HttpStep inner = new HttpStep(recording);
        StepType guardedHttp = new StepType() {
            @Override
            public String name() {
                return "guarded_http";
            }

            @Override
            public java.util.Set<String> arguments() {
                return inner.arguments();
            }

            @Override
            public StepResult run(StepCall call) throws Exception {
                return inner.run(call);
            }
        };
        try (WorkflowFixture f = new WorkflowFixture(dir, guardedHttp)) {
            f.write("calls", """
                    steps:
                      - id: deploy
                        type: guarded_http
                        url: %1$s/deploy
                        json: {model: qwen, replicas: 2}
                        outputs: {version: "{{ result.json.version }}"}
                      - {id: broken, type: http, url: "%1$s/broken", retries: 2, backoff: 10ms, on_failure: continue}
                    """.formatted(base));
            RunRecord run = f.run("calls", Map.of());
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(step(run, "deploy").outputs()).containsEntry("version", 7).containsEntry("status", 200);
            assertThat(bodies).containsExactly("{\"model\":\"qwen\",\"replicas\":2}");
            assertThat(guarded).containsExactly(URI.create(base));
            assertThat(step(run, "broken").error()).isEqualTo("GET " + base + "/broken answered 503");
            assertThat(hits.get()).isEqualTo(3);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anEngineStoppedMidRunResumesWithoutRepeatingDoneItems(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log");
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("items", """
                    steps:
                      - id: each
                        type: shell
                        for_each: [1, 2, 3, 4]
                        concurrency: 4
                        command: "echo {{ item }} >> %s; test {{ item }} -lt 3 || sleep 1"
                      - {id: gate, type: approval, needs: each, expires_after: 1h}
                    """.formatted(log));
            f.start(4);
            RunRecord run = f.engine.start("items", Map.of(), "test", "tester");
            dev.drover.agent.AgentTestWaits.until(() -> Files.exists(log) && lineCount(log) == 4, Duration.ofSeconds(10));
            Thread.sleep(200);
            f.engine.close(); // as the agent's shutdown does: steps stay running in the store
            RunRecord stored = f.store.run(run.id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(RunStatus.RUNNING);

            f.start(4).resumeUnfinished();
            dev.drover.agent.AgentTestWaits.until(() -> f.store.run(run.id()).orElseThrow().steps().stream()
                    .anyMatch(s -> s.stepId().equals("gate") && s.status() == StepStatus.WAITING), Duration.ofSeconds(10));
            String expiry = step(f.store.run(run.id()).orElseThrow(), "gate").detail().get("expires_at").toString();
            f.engine.close();
            f.start(4).resumeUnfinished();
            dev.drover.agent.AgentTestWaits.until(() -> step(f.store.run(run.id()).orElseThrow(), "gate").status() == StepStatus.WAITING,
                    Duration.ofSeconds(10));
            // The expiry was fixed when the approval first waited: a restart gives it no more time.
            assertThat(step(f.store.run(run.id()).orElseThrow(), "gate").detail()).containsEntry("expires_at", expiry);
            f.engine.decide(run.id(), "gate", -1, new Approvals.Decision(true, "ops", ""));
            RunRecord done = f.engine.await(run.id(), Duration.ofSeconds(10));
            assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
            List<String> lines = Files.readAllLines(log);
            assertThat(Collections.frequency(lines, "1")).as(lines.toString()).isEqualTo(1);
            assertThat(Collections.frequency(lines, "2")).isEqualTo(1);
            // Items 3 and 4 were still running when the engine stopped: they ran again.
            assertThat(Collections.frequency(lines, "3")).isEqualTo(2);
            assertThat(Collections.frequency(lines, "4")).isEqualTo(2);
        }
    }

    @Test
    void aCronScheduleStartsRuns(@TempDir Path dir) throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("ticking", """
                    schedule: "* * * * * ?"
                    inputs: {word: tick}
                    steps:
                      - {id: say, type: shell, command: "echo {{ inputs.word }}"}
                    """);
            WorkflowEngine engine = f.start(2);
            try (WorkflowSchedule schedule = new WorkflowSchedule(engine)) {
                schedule.start();
                dev.drover.agent.AgentTestWaits.until(() -> !engine.recent("ticking", 10).isEmpty(), Duration.ofSeconds(5));
            }
            RunRecord run = engine.await(engine.recent("ticking", 10).get(0).id(), Duration.ofSeconds(10));
            assertThat(run.trigger()).isEqualTo("schedule");
            assertThat(step(run, "say").outputs()).containsEntry("stdout", "tick");
        }
    }

    private static long lineCount(Path file) {
        try {
            return Files.readAllLines(file).size();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Test
    void aNodeWakingStartsTheWorkflowsWaitingForIt(@TempDir Path dir) throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("warm", """
                    on: {node_woke: [lab3]}
                    inputs: {node: {}}
                    steps:
                      - {id: warm, type: shell, command: "echo warming {{ inputs.node }}"}
                    """);
            f.write("any", """
                    on: {node_woke: "*"}
                    steps:
                      - {id: log, type: shell, command: "true"}
                    """);
            EventTriggers triggers = new EventTriggers(f.start(2));
            triggers.event(dev.drover.agent.power.PowerEvent.of("lab4", "woke", "probe", "agent", "answered", "ok"));
            triggers.event(dev.drover.agent.power.PowerEvent.of("lab3", "woke", "probe", "agent", "no answer", "error: timed out"));
            triggers.event(dev.drover.agent.power.PowerEvent.of("lab3", "wake", "api", "ops", "", "ok"));
            assertThat(f.engine.recent("warm", 10)).isEmpty();
            assertThat(f.engine.recent("any", 10)).hasSize(1);
            triggers.event(dev.drover.agent.power.PowerEvent.of("lab3", "woke", "probe", "agent", "answered", "ok"));
            RunRecord run = f.engine.await(f.engine.recent("warm", 10).get(0).id(), Duration.ofSeconds(10));
            assertThat(step(run, "warm").outputs()).containsEntry("stdout", "warming lab3");
            assertThat(run.who()).isEqualTo("node_woke: lab3");
        }
    }

    @Test
    void aFunctionTypePlugsInWithOneLineAndSeesItsTimeout(@TempDir Path dir) throws Exception {
        StepType echo = StepType.of("echo_args", java.util.Set.of("text", "timeout"), java.util.Set.of("text"),
                args -> Map.of("args", args));
        StepType broken = StepType.of("broken", java.util.Set.of(), java.util.Set.of(), args -> {
            throw new IllegalStateException("endpoint down");
        });
        try (WorkflowFixture f = new WorkflowFixture(dir, echo, broken)) {
            f.write("plug", """
                    steps:
                      - {id: a, type: echo_args, text: "hi {{ run.workflow }}", timeout: 2500ms}
                      - {id: b, type: broken, on_failure: continue}
                    """);
            RunRecord run = f.run("plug", Map.of());
            assertThat(step(run, "a").outputs().get("args")).isEqualTo(Map.of("text", "hi plug", "timeout", 2.5));
            assertThat(step(run, "b").error()).isEqualTo("endpoint down");
        }
    }
}
