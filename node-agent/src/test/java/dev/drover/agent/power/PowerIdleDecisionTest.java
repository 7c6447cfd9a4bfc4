package dev.drover.agent.power;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.agent.power.IdleDecision.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The idle policy's decision, rule by rule, as a table: inputs, verdict, and the reason a user reads. */
class PowerIdleDecisionTest {

    private static final Instant NOW = Instant.parse("2026-11-21T20:00:00Z");
    private static final Duration AFTER = Duration.ofMinutes(30);
    private static final Duration COOLDOWN = Duration.ofHours(1);

    /** idle for {@code idleMinutes} (null: just became idle), woken {@code wokenMinutesAgo} ago (null: never). */
    private static IdleInputs in(List<String> busy, Integer idleMinutes, boolean controller, int othersAwake,
                                 Integer wokenMinutesAgo, boolean sleeping, boolean enabled, int minAwake, boolean dryRun) {
        return new IdleInputs(NOW, busy, Optional.ofNullable(idleMinutes).map(m -> NOW.minus(Duration.ofMinutes(m))),
                controller, othersAwake, Optional.ofNullable(wokenMinutesAgo).map(m -> NOW.minus(Duration.ofMinutes(m))),
                sleeping, enabled, AFTER, minAwake, COOLDOWN, dryRun);
    }

    static Stream<Arguments> cases() {
        List<String> idle = List.of();
        return Stream.of(
                Arguments.of("policy off", in(idle, 120, false, 3, null, false, false, 1, false), Verdict.STAY_AWAKE, "the idle policy is off"),
                Arguments.of("busy with connections", in(List.of("2 connections on port 22"), 120, false, 3, null, false, true, 1, false),
                        Verdict.STAY_AWAKE, "busy: 2 connections on port 22"),
                Arguments.of("busy with load and connections", in(List.of("1 connection on port 80", "load 1.2 >= 0.5"), null, false, 3, null, false, true, 1, false),
                        Verdict.STAY_AWAKE, "busy: 1 connection on port 80, load 1.2 >= 0.5"),
                Arguments.of("just became idle", in(idle, null, false, 3, null, false, true, 1, false), Verdict.STAY_AWAKE, "idle for 0s of 30m"),
                Arguments.of("idle, not long enough", in(idle, 29, false, 3, null, false, true, 1, false), Verdict.STAY_AWAKE, "idle for 29m of 30m"),
                Arguments.of("idle long enough", in(idle, 30, false, 3, null, false, true, 1, false), Verdict.SLEEP, "idle for 30m (after 30m), 3 other nodes awake"),
                Arguments.of("dry run", in(idle, 45, false, 1, null, false, true, 1, true), Verdict.WOULD_SLEEP, "idle for 45m (after 30m), 1 other node awake"),
                Arguments.of("a controller never sleeps", in(idle, 90, true, 3, null, false, true, 1, false), Verdict.STAY_AWAKE,
                        "idle for 90m, but a controller never sleeps by itself"),
                Arguments.of("too few would stay awake", in(idle, 90, false, 1, null, false, true, 2, false), Verdict.STAY_AWAKE,
                        "only 1 other node would stay awake (min_awake_nodes 2)"),
                Arguments.of("nobody else awake, min 1", in(idle, 90, false, 0, null, false, true, 1, false), Verdict.STAY_AWAKE,
                        "only 0 other nodes would stay awake (min_awake_nodes 1)"),
                Arguments.of("nobody else awake, min 0", in(idle, 90, false, 0, null, false, true, 0, false), Verdict.SLEEP, "0 other nodes awake"),
                Arguments.of("within the cooldown", in(idle, 40, false, 3, 50, false, true, 1, false), Verdict.STAY_AWAKE,
                        "but woken only 50m ago (cooldown 1h)"),
                Arguments.of("cooldown over", in(idle, 40, false, 3, 61, false, true, 1, false), Verdict.SLEEP, "idle for 40m"),
                Arguments.of("already going to sleep", in(idle, 40, false, 3, null, true, true, 1, false), Verdict.STAY_AWAKE, "already going to sleep"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, IdleInputs inputs, Verdict verdict, String reason) {
        IdleDecision decision = IdleDecision.decide(inputs);
        assertThat(decision.verdict()).isEqualTo(verdict);
        assertThat(decision.reason()).contains(reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void idleTimeIsKeptOnlyWhileIdle(String name, IdleInputs inputs, Verdict verdict, String reason) {
        IdleDecision decision = IdleDecision.decide(inputs);
        if (!inputs.enabled() || !inputs.busy().isEmpty()) {
            assertThat(decision.idleSince()).isEmpty();
        } else {
            assertThat(decision.idleSince()).contains(inputs.idleSince().orElse(NOW));
        }
    }
}
