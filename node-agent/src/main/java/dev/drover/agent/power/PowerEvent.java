package dev.drover.agent.power;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One thing the power manager did or would have done: {@code action} is wake, sleep, would-sleep,
 * woke (a woken node answered) or placed (wake on demand: the blocked job runs; the duration is
 * then the placement time); {@code cause} is api, idle, schedule, sleep-on-lan, probe, resume or
 * "blocked-eval JOB", and
 * {@code who} the token name or the policy; {@code result} ok or what failed.
 */
public record PowerEvent(Instant time, String node, String action, String cause, String who, String reason,
                         Optional<Duration> wakeDuration, String result) {

    public static PowerEvent of(String node, String action, String cause, String who, String reason, String result) {
        return new PowerEvent(Instant.now(), node, action, cause, who, reason, Optional.empty(), result);
    }

    public boolean ok() {
        return "ok".equals(result);
    }
}
