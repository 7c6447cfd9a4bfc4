package dev.drover.agent.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The examples in docs/workflows/ load as the agent would load them. */
class WorkflowExamplesTest {

    @Test
    void everyDocumentedExampleIsValid() {
        Path dir = Path.of("..", "docs", "workflows");
        StepTypes types = Workflows.builtinTypes(new Approvals(), new AtomicReference<>(), null, Optional.empty(),
                Optional.empty(), "", new dev.drover.agent.workflow.llm.CircuitBreakers());
        WorkflowCatalog catalog = WorkflowCatalog.load(dir, types);
        assertThat(catalog.all()).extracting(WorkflowDefinition::name)
                .contains("rolling-restart", "wake-run-sleep", "model-rollout", "nightly-report", "llm-triage");
        assertThat(catalog.named("nightly-report").orElseThrow().schedule()).contains("0 30 2 * * ?");
    }
}
