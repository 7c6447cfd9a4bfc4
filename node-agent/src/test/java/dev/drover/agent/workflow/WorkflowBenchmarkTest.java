package dev.drover.agent.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of docs/performance.md: 1,000 no-op steps in one run, and 100 runs at once.
 * Run with -Ddrover.bench=true; it prints the figures rather than asserting speeds.
 */
@EnabledIfSystemProperty(named = "drover.bench", matches = "true")
class WorkflowBenchmarkTest {

    /** A step that does nothing: what is measured is the engine and its store. */
    private static final StepType NOOP = StepType.of("noop", Set.of(), Set.of(), args -> Map.of());

    @Test
    void thousandStepsInOneRun(@TempDir Path dir) throws Exception {
        StringBuilder yaml = new StringBuilder("steps:\n");
        // Ten chains of a hundred steps: parallel branches, each step waiting for the one before.
        for (int chain = 0; chain < 10; chain++) {
            for (int i = 0; i < 100; i++) {
                yaml.append("  - {id: s").append(chain).append('_').append(i).append(", type: noop")
                        .append(i == 0 ? "" : ", needs: s" + chain + "_" + (i - 1)).append("}\n");
            }
        }
        try (WorkflowFixture f = new WorkflowFixture(dir, NOOP)) {
            f.write("thousand", yaml.toString());
            f.start(8);
            long before = usedMemory();
            long begin = System.nanoTime();
            RunRecord run = f.engine.await(f.engine.start("thousand", Map.of(), "bench", "bench").id(), Duration.ofMinutes(10));
            double seconds = (System.nanoTime() - begin) / 1e9;
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            System.out.printf("BENCH 1000 no-op steps in one run: %.2f s, %.0f steps/s, heap used %d MB (before %d MB)%n",
                    seconds, 1000 / seconds, usedMemory() / 1_000_000, before / 1_000_000);
        }
    }

    @Test
    void hundredRunsAtOnce(@TempDir Path dir) throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir, NOOP)) {
            f.write("small", """
                    steps:
                      - {id: a, type: noop}
                      - {id: b, type: noop, needs: a}
                      - {id: c, type: noop, needs: a}
                      - {id: d, type: noop, needs: [b, c]}
                      - {id: e, type: shell, needs: d, command: "true"}
                    """);
            f.start(8);
            long begin = System.nanoTime();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                ids.add(f.engine.start("small", Map.of(), "bench", "bench").id());
            }
            for (String id : ids) {
                assertThat(f.engine.await(id, Duration.ofMinutes(10)).status()).isEqualTo(RunStatus.SUCCEEDED);
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            System.out.printf("BENCH 100 runs of 5 steps (4 no-op, 1 shell) at once: %.2f s, %.0f steps/s, heap used %d MB%n",
                    seconds, 500 / seconds, usedMemory() / 1_000_000);
        }
    }

    private static long usedMemory() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
