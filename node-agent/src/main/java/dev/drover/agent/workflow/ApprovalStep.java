package dev.drover.agent.workflow;

import dev.drover.agent.config.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: approval}: waits for a person to approve or reject through the API or the page.
 * After {@code expires_after} (default 24h) the {@code default} decides (default: reject).
 * The expiry is fixed when the step first waits and kept in the step's memory, so restarting
 * the agent does not give a waiting approval more time. Rejected (or expired to reject), the
 * step fails; its {@code on_failure} says what the run does then.
 */
final class ApprovalStep implements StepType {

    private final Approvals approvals;

    ApprovalStep(Approvals approvals) {
        this.approvals = approvals;
    }

    @Override
    public String name() {
        return "approval";
    }

    @Override
    public Set<String> arguments() {
        return Set.of("prompt", "expires_after", "default");
    }

    @Override
    public boolean waits() {
        return true;
    }

    @Override
    public StepResult run(StepCall call) throws InterruptedException {
        Object after = call.args().getOrDefault("expires_after", "24h");
        Duration expiresAfter = DurationText.parse(after)
                .orElseThrow(() -> new IllegalArgumentException("expires_after must be a duration such as 30m or 24h, not '" + after + "'"));
        String fallback = String.valueOf(call.args().getOrDefault("default", "reject"));
        if (!fallback.equals("approve") && !fallback.equals("reject")) {
            throw new IllegalArgumentException("default must be approve or reject, not '" + fallback + "'");
        }
        Instant expiresAt = call.remembered("expires_at").map(Instant::parse).orElseGet(() -> {
            Instant at = Instant.now().plus(expiresAfter);
            call.remember("expires_at", at.toString());
            return at;
        });
        String prompt = String.valueOf(call.args().getOrDefault("prompt", "approve step " + call.stepId() + "?"));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("prompt", prompt);
        detail.put("expires_at", expiresAt.toString());
        detail.put("default", fallback);
        call.waiting(detail);
        call.log("waiting for approval until " + expiresAt + ": " + prompt);
        Approvals.Decision decision = approvals.await(call.runId(), call.stepId(), call.item(), expiresAt);
        Map<String, Object> outputs = new LinkedHashMap<>();
        boolean expired = decision == null;
        boolean approved = expired ? fallback.equals("approve") : decision.approved();
        outputs.put("approved", approved);
        outputs.put("expired", expired);
        outputs.put("by", expired ? "default" : decision.who());
        outputs.put("comment", expired ? "" : decision.comment());
        String said = expired ? "expired; the default is " + fallback : (approved ? "approved" : "rejected") + " by " + decision.who()
                + (decision.comment().isBlank() ? "" : ": " + decision.comment());
        call.log(said);
        return approved ? StepResult.ok(outputs) : StepResult.failed(said, outputs);
    }
}
