package dev.drover.agent.power;

import dev.drover.agent.config.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the idle policy decides, and why: a pure function of {@link IdleInputs}, so every rule
 * is tested with a table of cases (PowerIdleDecisionTest).
 */
public record IdleDecision(Verdict verdict, String reason, Optional<Instant> idleSince) {

    public enum Verdict { STAY_AWAKE, SLEEP, WOULD_SLEEP }

    public static IdleDecision decide(IdleInputs in) {
        if (!in.enabled()) {
            return stay("the idle policy is off", Optional.empty());
        }
        if (!in.busy().isEmpty()) {
            return stay("busy: " + String.join(", ", in.busy()), Optional.empty());
        }
        Instant since = in.idleSince().orElse(in.now());
        Optional<Instant> idleSince = Optional.of(since);
        Duration idle = Duration.between(since, in.now());
        if (idle.compareTo(in.after()) < 0) {
            return stay("idle for " + text(idle) + " of " + text(in.after()), idleSince);
        }
        if (in.alreadySleeping()) {
            return stay("already going to sleep", idleSince);
        }
        if (in.controller()) {
            return stay("idle for " + text(idle) + ", but a controller never sleeps by itself", idleSince);
        }
        if (in.otherNodesAwake() < in.minAwakeNodes()) {
            return stay("idle for " + text(idle) + ", but only " + in.otherNodesAwake() + " other node"
                    + (in.otherNodesAwake() == 1 ? "" : "s") + " would stay awake (min_awake_nodes " + in.minAwakeNodes() + ")",
                    idleSince);
        }
        if (in.lastWoken().isPresent()) {
            Duration sinceWake = Duration.between(in.lastWoken().get(), in.now());
            if (sinceWake.compareTo(in.cooldown()) < 0) {
                return stay("idle for " + text(idle) + ", but woken only " + text(sinceWake) + " ago (cooldown "
                        + text(in.cooldown()) + ")", idleSince);
            }
        }
        String reason = "idle for " + text(idle) + " (after " + text(in.after()) + "), " + in.otherNodesAwake()
                + " other node" + (in.otherNodesAwake() == 1 ? "" : "s") + " awake";
        return new IdleDecision(in.dryRun() ? Verdict.WOULD_SLEEP : Verdict.SLEEP, reason, idleSince);
    }

    private static IdleDecision stay(String reason, Optional<Instant> idleSince) {
        return new IdleDecision(Verdict.STAY_AWAKE, reason, idleSince);
    }

    private static String text(Duration d) {
        return DurationText.format(Duration.ofSeconds(d.toSeconds()));
    }
}
