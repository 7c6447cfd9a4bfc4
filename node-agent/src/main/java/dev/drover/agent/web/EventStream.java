package dev.drover.agent.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.agent.checks.FileRun;
import dev.drover.agent.checks.RunListener;
import dev.drover.agent.power.NodeStatus;
import dev.drover.agent.power.PowerEvent;
import dev.drover.agent.power.PowerListener;
import java.util.List;
import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * /api/v1/events: live updates for the page. A "checks" event (one file's entry, as in
 * /api/v1/checks) after every run, a "status" event (the /api/v1/status body) on a timer, and a
 * "power" event (the /api/v1/power body) when a node's power changes, and a "workflow" event
 * (the /api/v1/workflows/runs/:id body) when a run changes, at most every quarter second per run.
 */
final class EventStream implements RunListener, PowerListener {

    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    /** Runs changed since the last flush: a run's steps change in bursts, and one event per burst is enough. */
    private final Set<String> changedRuns = ConcurrentHashMap.newKeySet();
    private final ObjectMapper json;
    private final Supplier<Object> status;
    private final Supplier<Object> power;

    EventStream(ObjectMapper json, Supplier<Object> status, Supplier<Object> power) {
        this.json = json;
        this.status = status;
        this.power = power;
    }

    /** A "power" event (the /api/v1/power body) after every power event and every change of a node's state. */
    @Override
    public void event(PowerEvent event) {
        if (!clients.isEmpty()) {
            broadcast("power", write(power.get()));
        }
    }

    @Override
    public void states(List<NodeStatus> nodes) {
        if (!clients.isEmpty()) {
            broadcast("power", write(power.get()));
        }
    }

    /** A "nomad" event (the /api/v1/nomad body) whenever the background read of Nomad sees something new. */
    void nomad(Object snapshot) {
        if (!clients.isEmpty()) {
            broadcast("nomad", write(snapshot));
        }
    }

    void connect(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        // The status first, so the page has a whole picture before the first change arrives.
        send(client, "status", write(status.get()));
        clients.add(client);
    }

    @Override
    public void finished(FileRun run) {
        if (!clients.isEmpty()) {
            broadcast("checks", write(Views.file(run)));
        }
    }

    /** Called under the run's lock: only notes the id; {@link #flushWorkflows} sends. */
    /** The workflow files were read again: pages re-read the list (its names, inputs, triggers). */
    void workflowsReloaded(Object reloaded) {
        broadcast("workflows", write(reloaded));
    }

    void workflowChanged(String runId) {
        if (!clients.isEmpty()) {
            changedRuns.add(runId);
        }
    }

    void flushWorkflows(java.util.function.Function<String, java.util.Optional<Object>> view) {
        for (String id : List.copyOf(changedRuns)) {
            changedRuns.remove(id);
            view.apply(id).ifPresent(run -> broadcast("workflow", write(run)));
        }
    }

    void tick() {
        if (!clients.isEmpty()) {
            broadcast("status", write(status.get()));
        }
    }

    int clientCount() {
        return clients.size();
    }

    private void broadcast(String event, String data) {
        for (SseClient client : clients) {
            send(client, event, data);
        }
    }

    private void send(SseClient client, String event, String data) {
        if (client.terminated()) {
            clients.remove(client);
            return;
        }
        client.sendEvent(event, data);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void closeAll() {
        clients.forEach(SseClient::close);
        clients.clear();
    }
}
