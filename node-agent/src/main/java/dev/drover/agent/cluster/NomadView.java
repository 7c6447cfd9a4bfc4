package dev.drover.agent.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.nomad.NomadClient;
import dev.drover.nomad.NomadSettings;
import dev.drover.nomad.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nomad as this node sees it: the node (found by name or ID in /v1/nodes), its allocations
 * (/v1/node/:id/allocations) and the cluster's jobs (/v1/jobs). Read on its own background
 * thread every few seconds, so a slow or down Nomad greys the panel and never slows a request
 * or the other panels; listeners hear of each snapshot that differs from the one before.
 * Also runs, stops and dispatches jobs for the API.
 */
public final class NomadView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NomadView.class);
    /** One quick retry: the next refresh is the real retry, and a user's click should not hang for long. */
    private static final Retry QUICK = new Retry(2, Duration.ofMillis(200), Duration.ofMillis(200));

    private final NomadClient client;
    private final String nodeName;
    private final Duration every;
    private final ScheduledExecutorService timer;
    private final List<Consumer<NomadSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile NomadSnapshot latest;

    public NomadView(NomadSettings settings, String nodeName, Duration every) {
        this.client = new NomadClient(settings, QUICK);
        this.nodeName = nodeName;
        this.every = every;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nomad-view");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public NomadClient client() {
        return client;
    }

    public String nodeName() {
        return nodeName;
    }

    public void addListener(Consumer<NomadSnapshot> listener) {
        listeners.add(listener);
    }

    /** The latest snapshot; before the first read has finished, "not read yet" (never waits for Nomad). */
    public NomadSnapshot snapshot() {
        NomadSnapshot current = latest;
        return current != null ? current : NomadSnapshot.unavailable("not read yet");
    }

    /** Reads Nomad now (after an action, so the answer and the page show its effect). */
    public synchronized NomadSnapshot refresh() {
        NomadSnapshot next;
        try {
            next = read();
        } catch (RuntimeException e) {
            next = NomadSnapshot.unavailable(e.getMessage());
        }
        NomadSnapshot before = latest;
        latest = next;
        if (before != null && before.available() && !next.available()) {
            LOG.warn("Nomad at {} cannot be read: {}", client.settings().address(), next.error());
        }
        if (!Objects.equals(before, next)) {
            for (Consumer<NomadSnapshot> listener : listeners) {
                try {
                    listener.accept(next);
                } catch (RuntimeException e) {
                    LOG.warn("Nomad snapshot not published: {}", e.toString());
                }
            }
        }
        return next;
    }

    private NomadSnapshot read() {
        JsonNode nodes = client.nodes();
        NomadSnapshot.NodeInfo node = null;
        for (JsonNode n : nodes) {
            if (n.path("Name").asText().equals(nodeName) || n.path("ID").asText().equals(nodeName)) {
                node = new NomadSnapshot.NodeInfo(n.path("ID").asText(), n.path("Name").asText(), n.path("Status").asText(),
                        n.path("NodeClass").asText(""), n.path("Datacenter").asText(), n.path("SchedulingEligibility").asText());
            }
        }
        List<NomadSnapshot.AllocationInfo> allocations = new ArrayList<>();
        if (node != null) {
            for (JsonNode a : client.nodeAllocations(node.id())) {
                allocations.add(allocation(a));
            }
        }
        // Live ones first, then by name: what runs here now is what the panel is for.
        allocations.sort(Comparator.comparing((NomadSnapshot.AllocationInfo a) -> !a.live())
                .thenComparing(NomadSnapshot.AllocationInfo::name));
        List<NomadSnapshot.JobInfo> jobs = new ArrayList<>();
        for (JsonNode j : client.jobs()) {
            jobs.add(new NomadSnapshot.JobInfo(j.path("ID").asText(), j.path("Name").asText(), j.path("Type").asText(),
                    j.path("Status").asText(), j.path("Priority").asInt(), j.path("ParameterizedJob").asBoolean(false),
                    j.path("ParentID").asText("")));
        }
        jobs.sort(Comparator.comparing(NomadSnapshot.JobInfo::id));
        return new NomadSnapshot(true, true, node == null ? "Nomad has no node named " + nodeName : null, node,
                allocations, jobs);
    }

    static NomadSnapshot.AllocationInfo allocation(JsonNode a) {
        List<NomadSnapshot.TaskInfo> tasks = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> states = a.path("TaskStates").fields();
        while (states.hasNext()) {
            Map.Entry<String, JsonNode> state = states.next();
            tasks.add(new NomadSnapshot.TaskInfo(state.getKey(), state.getValue().path("State").asText(),
                    state.getValue().path("Failed").asBoolean(), state.getValue().path("Restarts").asInt()));
        }
        tasks.sort(Comparator.comparing(NomadSnapshot.TaskInfo::name));
        // Whole allocations carry the job; stubs carry JobType.
        String jobType = a.path("Job").path("Type").asText(a.path("JobType").asText(""));
        return new NomadSnapshot.AllocationInfo(a.path("ID").asText(), a.path("Name").asText(), a.path("JobID").asText(),
                jobType, a.path("TaskGroup").asText(), a.path("DesiredStatus").asText(), a.path("ClientStatus").asText(), tasks);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
