package dev.drover.agent.power;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.nomad.NomadClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wake on demand, on the controller's agent: every {@code check_interval} it lists Nomad's
 * blocked evaluations (jobs waiting for capacity), wakes the sleeping nodes of the power
 * manager that could take each job ({@link BlockedJobMatch}), as many as the evaluation has
 * allocations queued, and then watches the job until a new allocation of it runs, recording
 * how long placement took after the wake (a "placed" power event, and /metrics).
 */
public final class WakeOnDemand implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WakeOnDemand.class);
    static final String WHO = "wake on demand";

    private final PowerManager power;
    private final NomadClient nomad;
    private final Duration every;
    private final ScheduledExecutorService timer;
    /** Blocked evaluations already acted on, so one evaluation wakes its nodes once. */
    private final Set<String> handled = ConcurrentHashMap.newKeySet();
    /** Blocked evaluations for which "no sleeping node matches" was logged, so it is logged once, yet retried. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** A job whose nodes were woken: placed once an allocation runs that was not running at the wake. */
    private record Pending(String jobId, String evalId, Instant wokeAt, Set<String> runningBefore, List<String> woken) {
    }

    public WakeOnDemand(PowerManager power, NomadClient nomad, Duration every) {
        this.power = power;
        this.nomad = nomad;
        this.every = every;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wake-on-demand");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::check, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void check() {
        try {
            wakeForBlocked();
            followPlacements();
        } catch (RuntimeException e) {
            LOG.warn("wake on demand: cannot read Nomad: {}", e.getMessage());
        }
    }

    private void wakeForBlocked() {
        JsonNode blocked = nomad.evaluations("blocked");
        Set<String> current = new HashSet<>();
        for (JsonNode eval : blocked) {
            String evalId = eval.path("ID").asText();
            current.add(evalId);
            if (!handled.contains(evalId) && wakeFor(eval)) {
                handled.add(evalId);
            }
        }
        handled.retainAll(current);
        reported.retainAll(current);
    }

    /** True when nodes were woken for this evaluation (or its job is already being followed). */
    private boolean wakeFor(JsonNode eval) {
        String jobId = eval.path("JobID").asText();
        JsonNode job = nomad.jobOrNull(jobId);
        if (job == null || pending.containsKey(jobId)) {
            return true;
        }
        Set<String> failedGroups = new LinkedHashSet<>();
        int queued = 0;
        var failed = eval.path("FailedTGAllocs").fields();
        while (failed.hasNext()) {
            var group = failed.next();
            failedGroups.add(group.getKey());
            queued += group.getValue().path("CoalescedFailures").asInt() + 1;
        }
        queued = Math.max(queued, 1);
        Map<String, String> nomadIds = new HashMap<>();
        for (JsonNode node : nomad.nodes()) {
            nomadIds.put(node.path("Name").asText(), node.path("ID").asText());
        }
        List<String> chosen = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (NodeStatus status : power.nodes()) {
            if (chosen.size() >= queued) {
                break;
            }
            boolean sleeping = status.state() == NodeState.ASLEEP || status.state() == NodeState.UNREACHABLE;
            if (!sleeping || status.name().equals(power.config().self())) {
                continue;
            }
            String id = nomadIds.get(status.name());
            if (id == null) {
                skipped.add(status.name() + " (unknown to Nomad)");
                continue;
            }
            Optional<String> mismatch = BlockedJobMatch.mismatch(job, failedGroups, nomad.node(id));
            if (mismatch.isPresent()) {
                skipped.add(status.name() + " (" + mismatch.get() + ")");
            } else {
                chosen.add(status.name());
            }
        }
        String evalShort = evalId(eval);
        if (chosen.isEmpty()) {
            if (reported.add(eval.path("ID").asText())) {
                LOG.info("job {} is blocked (evaluation {}), but no sleeping node matches it{}", jobId, evalShort,
                        skipped.isEmpty() ? "" : ": " + String.join("; ", skipped));
            }
            return false;
        }
        Set<String> runningBefore = runningAllocations(jobId);
        Instant wokeAt = Instant.now();
        List<String> woken = new ArrayList<>();
        for (String name : chosen) {
            try {
                power.wake(name, false, "blocked-eval " + jobId, WHO, "job " + jobId + " cannot be placed (evaluation "
                        + evalShort + ", " + queued + (queued == 1 ? " allocation" : " allocations") + " queued); "
                        + name + " matches its constraints");
                woken.add(name);
            } catch (PowerRefusal e) {
                LOG.warn("wake on demand: not waking {} for {}: {}", name, jobId, e.getMessage());
            }
        }
        if (!woken.isEmpty()) {
            pending.put(jobId, new Pending(jobId, eval.path("ID").asText(), wokeAt, runningBefore, woken));
        }
        return !woken.isEmpty();
    }

    private void followPlacements() {
        for (Pending p : List.copyOf(pending.values())) {
            Instant now = Instant.now();
            Optional<JsonNode> placed = newRunning(p);
            if (placed.isPresent()) {
                pending.remove(p.jobId());
                Duration took = Duration.between(p.wokeAt(), now);
                String node = placed.get().path("NodeName").asText();
                LOG.info("job {} placed on {}, {} ms after the wake", p.jobId(), node, took.toMillis());
                power.record(new PowerEvent(now, node.isEmpty() ? p.woken().get(0) : node, "placed", "blocked-eval " + p.jobId(),
                        WHO, "job " + p.jobId() + " running on " + node + " " + took.toMillis() + " ms after the wake of "
                        + String.join(", ", p.woken()), Optional.of(took), "ok"));
            } else if (Duration.between(p.wokeAt(), now).compareTo(power.config().wakeTimeout()) > 0) {
                pending.remove(p.jobId());
                // Still blocked: the next check may wake another match (the woken one is unreachable again by now).
                handled.remove(p.evalId());
                power.record(PowerEvent.of(p.woken().get(0), "placed", "blocked-eval " + p.jobId(), WHO, "job " + p.jobId()
                        + " not running within " + power.config().wakeTimeout().toSeconds() + " s of the wake", "error: timed out"));
            }
        }
    }

    private Optional<JsonNode> newRunning(Pending p) {
        JsonNode job = nomad.jobOrNull(p.jobId());
        if (job == null) {
            return Optional.empty();
        }
        for (JsonNode alloc : nomad.jobAllocations(p.jobId())) {
            if (alloc.path("ClientStatus").asText().equals("running") && !p.runningBefore().contains(alloc.path("ID").asText())) {
                return Optional.of(alloc);
            }
        }
        return Optional.empty();
    }

    private Set<String> runningAllocations(String jobId) {
        Set<String> ids = new HashSet<>();
        for (JsonNode alloc : nomad.jobAllocations(jobId)) {
            if (alloc.path("ClientStatus").asText().equals("running")) {
                ids.add(alloc.path("ID").asText());
            }
        }
        return ids;
    }

    private static String evalId(JsonNode eval) {
        String id = eval.path("ID").asText();
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
