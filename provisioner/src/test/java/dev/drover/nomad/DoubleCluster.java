package dev.drover.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The state behind {@link NomadDouble}: three nodes of 4096 MB in dc1 ("node-3" of class
 * "storage"), and a scheduler that decides from the job itself what a real cluster would do:
 * <ul>
 * <li>a task group needing more memory than a node has free is not placed: the evaluation
 *     carries FailedTGAllocs (NodesExhausted, DimensionExhausted "memory") and a BlockedEval;
 *     constraints on ${node.class} filter by class, others by constraint;</li>
 * <li>a task whose command is {@code false} exits 1, restarts twice, then fails;</li>
 * <li>a docker task whose image contains "does-not-exist" fails in the driver; an artifact
 *     whose source contains "does-not-exist" fails to download;</li>
 * <li>everything else starts, and a service job's deployment becomes successful.</li>
 * </ul>
 * Changes happen a few milliseconds after registration, each at a new index, so clients have
 * to follow them with blocking queries as they would against Nomad.
 */
public final class DoubleCluster {

    static final int NODE_MEMORY_MB = 4096;
    private static final int DEFAULT_TASK_MEMORY_MB = 300;
    private static final List<String> VOLATILE = List.of("Status", "StatusDescription", "Version", "CreateIndex",
            "ModifyIndex", "JobModifyIndex", "SubmitTime", "Stable", "Stop");

    private final Object lock = new Object();
    private final ScheduledExecutorService steps = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nomad-double-scheduler");
        t.setDaemon(true);
        return t;
    });
    private long index = 10;
    private final Map<String, ObjectNode> jobs = new LinkedHashMap<>();
    private final Map<String, ObjectNode> evaluations = new LinkedHashMap<>();
    private final Map<String, ObjectNode> allocations = new LinkedHashMap<>();
    private final Map<String, ObjectNode> deployments = new LinkedHashMap<>();
    private final List<ObjectNode> nodes = new ArrayList<>();
    /** stdout of the allocations a test finished, for the logs API. */
    private final Map<String, String> finishedOutput = new LinkedHashMap<>();

    static final class ApiError extends RuntimeException {
        final int status;

        ApiError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    DoubleCluster() {
        for (int i = 1; i <= 3; i++) {
            ObjectNode node = NomadDouble.object();
            node.put("ID", "0000000" + i + "-aaaa-bbbb-cccc-dddddddddddd");
            node.put("Name", "node-" + i);
            node.put("Datacenter", "dc1");
            node.put("NodeClass", i == 3 ? "storage" : "");
            node.put("Address", "10.0.0." + i);
            node.put("Status", "ready");
            node.put("StatusDescription", "");
            node.put("Drain", false);
            node.putNull("DrainStrategy");
            node.put("SchedulingEligibility", "eligible");
            node.put("Version", "1.9.3");
            node.putObject("NodeResources").putObject("Memory").put("MemoryMB", NODE_MEMORY_MB);
            node.putObject("Attributes").put("kernel.name", "linux");
            node.putObject("Meta");
            node.put("CreateIndex", 5);
            node.put("ModifyIndex", 5);
            nodes.add(node);
        }
    }

    long index() {
        synchronized (lock) {
            return index;
        }
    }

    void awaitIndexAbove(long wanted, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (lock) {
            while (wanted > 0 && index <= wanted) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private long bump() {
        index++;
        lock.notifyAll();
        return index;
    }

    void close() {
        steps.shutdownNow();
    }

    // ---- jobs

    JsonNode register(JsonNode body) {
        synchronized (lock) {
            if (!body.path("Job").isObject()) {
                throw new ApiError(400, "Job must be specified");
            }
            ObjectNode job = body.get("Job").deepCopy();
            String id = job.path("ID").asText("");
            if (id.isEmpty()) {
                throw new ApiError(500, "1 error occurred:\n\t* Missing job ID\n\n");
            }
            ObjectNode existing = jobs.get(id);
            if (body.path("EnforceIndex").asBoolean(false)) {
                long wanted = body.path("JobModifyIndex").asLong();
                if (wanted == 0 && existing != null) {
                    throw new ApiError(400, "Enforcing job modify index 0: job already exists");
                }
                if (wanted != 0 && existing == null) {
                    throw new ApiError(400, "Enforcing job modify index " + wanted + ": job does not exist");
                }
                if (existing != null && existing.path("JobModifyIndex").asLong() != wanted) {
                    throw new ApiError(400, "Enforcing job modify index " + wanted
                            + ": job exists with conflicting job modify index: " + existing.path("JobModifyIndex").asLong());
                }
            }
            defaults(job);
            boolean changed = existing == null || !spec(existing).equals(spec(job)) || existing.path("Stop").asBoolean();
            long now = bump();
            job.put("Status", "pending");
            job.put("Stop", false);
            job.put("Version", existing == null ? 0 : existing.path("Version").asLong() + (changed ? 1 : 0));
            job.put("CreateIndex", existing == null ? now : existing.path("CreateIndex").asLong());
            job.put("ModifyIndex", now);
            job.put("JobModifyIndex", changed || existing == null ? now : existing.path("JobModifyIndex").asLong());
            job.put("SubmitTime", System.currentTimeMillis() * 1_000_000L);
            jobs.put(id, job);
            ObjectNode reply = NomadDouble.object();
            if (!job.path("ParameterizedJob").isNull() && !job.path("ParameterizedJob").isMissingNode()) {
                job.put("Status", "running");
                reply.put("EvalID", "");
                reply.put("EvalCreateIndex", 0);
            } else {
                ObjectNode eval = newEvaluation(job, "job-register");
                reply.put("EvalID", eval.get("ID").asText());
                reply.put("EvalCreateIndex", now);
                String evalId = eval.get("ID").asText();
                steps.schedule(() -> schedule(id, evalId, changed), 30, TimeUnit.MILLISECONDS);
            }
            reply.put("JobModifyIndex", job.get("JobModifyIndex").asLong());
            reply.put("Warnings", "");
            reply.put("Index", now);
            return reply;
        }
    }

    private static void defaults(ObjectNode job) {
        if (!job.hasNonNull("Type")) {
            job.put("Type", "service");
        }
        if (!job.hasNonNull("Namespace")) {
            job.put("Namespace", "default");
        }
        if (!job.hasNonNull("Name")) {
            job.put("Name", job.get("ID").asText());
        }
        if (!job.hasNonNull("Priority")) {
            job.put("Priority", 50);
        }
        for (JsonNode group : job.withArray("TaskGroups")) {
            if (!group.hasNonNull("Count")) {
                ((ObjectNode) group).put("Count", 1);
            }
        }
    }

    /** The job without the fields Nomad sets itself: what a diff and "unchanged" compare. */
    static ObjectNode spec(JsonNode job) {
        ObjectNode copy = job.deepCopy();
        VOLATILE.forEach(copy::remove);
        return copy;
    }

    private ObjectNode newEvaluation(ObjectNode job, String trigger) {
        ObjectNode eval = NomadDouble.object();
        eval.put("ID", UUID.randomUUID().toString());
        eval.put("Namespace", job.path("Namespace").asText("default"));
        eval.put("Priority", job.path("Priority").asInt(50));
        eval.put("Type", job.path("Type").asText());
        eval.put("TriggeredBy", trigger);
        eval.put("JobID", job.get("ID").asText());
        eval.put("JobModifyIndex", job.path("JobModifyIndex").asLong());
        eval.put("Status", "pending");
        eval.put("StatusDescription", "");
        eval.put("DeploymentID", "");
        eval.put("BlockedEval", "");
        eval.putNull("FailedTGAllocs");
        eval.putObject("QueuedAllocations");
        eval.put("CreateIndex", index);
        eval.put("ModifyIndex", index);
        evaluations.put(eval.get("ID").asText(), eval);
        return eval;
    }

    JsonNode jobList() {
        synchronized (lock) {
            ArrayNode list = NomadDouble.JSON.createArrayNode();
            for (ObjectNode job : jobs.values()) {
                ObjectNode stub = list.addObject();
                for (String field : List.of("ID", "Name", "Namespace", "Type", "Priority", "Status", "StatusDescription",
                        "Stop", "Version", "CreateIndex", "ModifyIndex", "JobModifyIndex", "SubmitTime")) {
                    if (job.has(field)) {
                        stub.set(field, job.get(field));
                    }
                }
                stub.put("ParentID", job.path("ParentID").asText(""));
                stub.put("Periodic", false);
                stub.put("ParameterizedJob", job.hasNonNull("ParameterizedJob"));
            }
            return list;
        }
    }

    JsonNode job(String id) {
        synchronized (lock) {
            ObjectNode job = jobs.get(id);
            if (job == null) {
                throw new ApiError(404, "job not found");
            }
            return job;
        }
    }

    JsonNode stop(String id, boolean purge) {
        synchronized (lock) {
            ObjectNode job = (ObjectNode) job(id);
            long now = bump();
            job.put("Stop", true);
            job.put("Status", "dead");
            job.put("ModifyIndex", now);
            job.put("JobModifyIndex", now);
            ObjectNode eval = newEvaluation(job, "job-deregister");
            eval.put("Status", "complete");
            for (ObjectNode alloc : allocations.values()) {
                if (alloc.get("JobID").asText().equals(id) && alloc.get("DesiredStatus").asText().equals("run")) {
                    alloc.put("DesiredStatus", "stop");
                    alloc.put("ClientStatus", "complete");
                    alloc.put("ModifyIndex", now);
                }
            }
            if (purge) {
                jobs.remove(id);
            }
            ObjectNode reply = NomadDouble.object();
            reply.put("EvalID", eval.get("ID").asText());
            reply.put("EvalCreateIndex", now);
            reply.put("JobModifyIndex", now);
            return reply;
        }
    }

    JsonNode dispatch(String id, JsonNode body) {
        synchronized (lock) {
            ObjectNode parent = (ObjectNode) job(id);
            JsonNode parameterized = parent.path("ParameterizedJob");
            if (!parameterized.isObject()) {
                throw new ApiError(400, "Specified job \"" + id + "\" is not a parameterized job");
            }
            for (JsonNode required : parameterized.path("MetaRequired")) {
                if (!body.path("Meta").has(required.asText())) {
                    throw new ApiError(400, "Dispatch did not provide required meta keys: [" + required.asText() + "]");
                }
            }
            String payload = body.path("Payload").asText("");
            if ("required".equals(parameterized.path("Payload").asText()) && payload.isEmpty()) {
                throw new ApiError(400, "Payload is not provided but required by parameterized job");
            }
            if ("forbidden".equals(parameterized.path("Payload").asText()) && !payload.isEmpty()) {
                throw new ApiError(400, "Payload provided but forbidden by parameterized job");
            }
            ObjectNode child = spec(parent);
            String childId = id + "/dispatch-" + (System.currentTimeMillis() / 1000) + "-" + UUID.randomUUID().toString().substring(0, 8);
            child.put("ID", childId);
            child.put("Name", childId);
            child.put("ParentID", id);
            child.put("Dispatched", true);
            child.putNull("ParameterizedJob");
            child.set("Meta", body.path("Meta").isObject() ? body.get("Meta") : NomadDouble.object());
            child.put("Payload", payload);
            ObjectNode registerBody = NomadDouble.object();
            registerBody.set("Job", child);
            JsonNode registered = register(registerBody);
            ObjectNode reply = NomadDouble.object();
            reply.put("DispatchedJobID", childId);
            reply.set("EvalID", registered.get("EvalID"));
            reply.set("EvalCreateIndex", registered.get("EvalCreateIndex"));
            reply.set("JobCreateIndex", registered.get("Index"));
            reply.set("Index", registered.get("Index"));
            return reply;
        }
    }

    JsonNode plan(String id, JsonNode body) {
        synchronized (lock) {
            ObjectNode job = body.get("Job").deepCopy();
            if (!id.equals(job.path("ID").asText())) {
                throw new ApiError(400, "Job ID does not match");
            }
            defaults(job);
            ObjectNode existing = jobs.get(id);
            ObjectNode reply = NomadDouble.object();
            JsonNode diff = PlanDiff.of(existing == null || existing.path("Stop").asBoolean() ? null : spec(existing), spec(job));
            reply.set("Diff", body.path("Diff").asBoolean() ? diff : null);
            reply.put("JobModifyIndex", existing == null ? 0 : existing.path("JobModifyIndex").asLong());
            ObjectNode desired = reply.putObject("Annotations").putObject("DesiredTGUpdates");
            ObjectNode failed = NomadDouble.object();
            Map<String, Integer> free = freeMemory();
            for (JsonNode group : job.withArray("TaskGroups")) {
                String name = group.get("Name").asText();
                ObjectNode updates = desired.putObject(name);
                for (String field : List.of("Ignore", "Place", "Migrate", "Stop", "InPlaceUpdate", "DestructiveUpdate",
                        "Canary", "Preemptions")) {
                    updates.put(field, 0);
                }
                int count = group.get("Count").asInt();
                int running = (int) allocations.values().stream().filter(a -> a.get("JobID").asText().equals(id)
                        && a.get("TaskGroup").asText().equals(name) && a.get("DesiredStatus").asText().equals("run")).count();
                String groupChange = groupChange(diff, name);
                int toPlace;
                if (groupChange.equals("None")) {
                    updates.put("Ignore", Math.min(count, running));
                    toPlace = Math.max(0, count - running);
                } else if (groupChange.equals("Added") || running == 0) {
                    toPlace = count;
                } else {
                    updates.put("DestructiveUpdate", Math.min(count, running));
                    updates.put("Stop", Math.max(0, running - count));
                    toPlace = Math.max(0, count - running);
                }
                updates.put("Place", toPlace);
                ObjectNode metric = Placement.place(nodes, free, job, group, toPlace, new ArrayList<>());
                if (metric != null) {
                    failed.set(name, metric);
                }
            }
            reply.set("FailedTGAllocs", failed.isEmpty() ? null : failed);
            reply.putNull("CreatedEvals");
            reply.put("Warnings", "");
            reply.put("Index", index);
            reply.putNull("NextPeriodicLaunch");
            return reply;
        }
    }

    private static String groupChange(JsonNode diff, String group) {
        for (JsonNode g : diff.path("TaskGroups")) {
            if (g.path("Name").asText().equals(group)) {
                return g.path("Type").asText();
            }
        }
        return "None";
    }

    private Map<String, Integer> freeMemory() {
        Map<String, Integer> free = new LinkedHashMap<>();
        nodes.forEach(n -> free.put(n.get("ID").asText(), NODE_MEMORY_MB));
        for (ObjectNode alloc : allocations.values()) {
            if (alloc.get("DesiredStatus").asText().equals("run") && !alloc.get("ClientStatus").asText().equals("failed")) {
                free.merge(alloc.get("NodeID").asText(), -alloc.path("MemoryMB").asInt(), Integer::sum);
            }
        }
        return free;
    }

    // ---- the scheduler

    private void schedule(String jobId, String evalId, boolean changed) {
        synchronized (lock) {
            ObjectNode job = jobs.get(jobId);
            ObjectNode eval = evaluations.get(evalId);
            long now = bump();
            List<ObjectNode> placed = new ArrayList<>();
            if (changed) {
                for (ObjectNode alloc : allocations.values()) {
                    if (alloc.get("JobID").asText().equals(jobId) && alloc.get("DesiredStatus").asText().equals("run")) {
                        alloc.put("DesiredStatus", "stop");
                        alloc.put("ClientStatus", "complete");
                        alloc.put("ModifyIndex", now);
                    }
                }
                Map<String, Integer> free = freeMemory();
                ObjectNode failed = NomadDouble.object();
                for (JsonNode group : job.withArray("TaskGroups")) {
                    List<ObjectNode> nodesChosen = new ArrayList<>();
                    ObjectNode metric = Placement.place(nodes, free, job, group, group.get("Count").asInt(), nodesChosen);
                    for (int i = 0; i < nodesChosen.size(); i++) {
                        placed.add(Allocations.create(job, group, i, nodesChosen.get(i), evalId, now));
                    }
                    if (metric != null) {
                        failed.set(group.get("Name").asText(), metric);
                        eval.with("QueuedAllocations").put(group.get("Name").asText(),
                                group.get("Count").asInt() - nodesChosen.size());
                    }
                }
                if (!failed.isEmpty()) {
                    eval.set("FailedTGAllocs", failed);
                    ObjectNode blocked = newEvaluation(job, "queued-allocs");
                    blocked.put("Status", "blocked");
                    blocked.put("StatusDescription", "created to place remaining allocations");
                    blocked.put("PreviousEval", evalId);
                    blocked.set("FailedTGAllocs", failed.deepCopy());
                    eval.put("BlockedEval", blocked.get("ID").asText());
                }
            }
            placed.forEach(a -> allocations.put(a.get("ID").asText(), a));
            if (!placed.isEmpty() && job.get("Type").asText().equals("service")) {
                ObjectNode deployment = Allocations.deployment(job, placed, now);
                deployments.put(deployment.get("ID").asText(), deployment);
                eval.put("DeploymentID", deployment.get("ID").asText());
            }
            eval.put("Status", "complete");
            eval.put("ModifyIndex", now);
            job.put("Status", placed.isEmpty() && changed ? "pending" : "running");
            if (!placed.isEmpty()) {
                steps.schedule(() -> run(placed), 50, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void run(List<ObjectNode> placed) {
        synchronized (lock) {
            long now = bump();
            for (ObjectNode alloc : placed) {
                Allocations.runTasks(alloc, now);
                String deploymentId = alloc.path("DeploymentID").asText("");
                ObjectNode deployment = deployments.get(deploymentId);
                if (deployment != null) {
                    Allocations.account(deployment, alloc, now);
                }
            }
            if (placed.stream().allMatch(a -> a.get("ClientStatus").asText().equals("failed"))) {
                ObjectNode job = jobs.get(placed.get(0).get("JobID").asText());
                if (job != null && !job.get("Type").asText().equals("service")) {
                    job.put("Status", "dead");
                }
            }
        }
    }

    // ---- nodes joining and leaving (a node put to sleep goes down; woken, it is ready again)

    /** Adds a client node, e.g. a GPU worker that is asleep ("down") until a test wakes it. */
    public void addNode(String name, String nodeClass, String datacenter, Map<String, String> meta, String status) {
        synchronized (lock) {
            long now = bump();
            ObjectNode node = NomadDouble.object();
            node.put("ID", UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
            node.put("Name", name);
            node.put("Datacenter", datacenter);
            node.put("NodeClass", nodeClass);
            node.put("Address", "10.0.1." + (nodes.size() + 1));
            node.put("Status", status);
            node.put("StatusDescription", "");
            node.put("Drain", false);
            node.putNull("DrainStrategy");
            node.put("SchedulingEligibility", "eligible");
            node.put("Version", "1.9.3");
            node.putObject("NodeResources").putObject("Memory").put("MemoryMB", NODE_MEMORY_MB);
            node.putObject("Attributes").put("kernel.name", "linux");
            ObjectNode metaNode = node.putObject("Meta");
            meta.forEach(metaNode::put);
            node.put("CreateIndex", now);
            node.put("ModifyIndex", now);
            nodes.add(node);
        }
    }

    /**
     * A node's status changes ("ready" when it joins again, "down" when its heartbeats stop).
     * A node becoming ready unblocks the blocked evaluations, as Nomad's blocked-evals tracker
     * does when capacity appears: they are scheduled again a few milliseconds later.
     */
    public void setNodeStatus(String name, String status) {
        synchronized (lock) {
            ObjectNode node = nodes.stream().filter(n -> n.get("Name").asText().equals(name)).findFirst()
                    .orElseThrow(() -> new ApiError(404, "node not found"));
            long now = bump();
            node.put("Status", status);
            node.put("ModifyIndex", now);
            if (status.equals("ready")) {
                for (ObjectNode eval : List.copyOf(evaluations.values())) {
                    if (eval.get("Status").asText().equals("blocked")) {
                        String evalId = eval.get("ID").asText();
                        steps.schedule(() -> reschedule(evalId), 30, TimeUnit.MILLISECONDS);
                    }
                }
            }
        }
    }

    /**
     * The allocations of the jobs dispatched from {@code parentJob} whose tasks still run, by ID:
     * what a test playing Nomad's client has to finish (see {@link #finishAllocation}).
     */
    public List<String> runningDispatches(String parentJob) {
        synchronized (lock) {
            List<String> running = new ArrayList<>();
            for (ObjectNode alloc : allocations.values()) {
                ObjectNode job = jobs.get(alloc.get("JobID").asText());
                if (job != null && parentJob.equals(job.path("ParentID").asText())
                        && alloc.get("ClientStatus").asText().equals("running")) {
                    running.add(alloc.get("ID").asText());
                }
            }
            return running;
        }
    }

    /** The payload a dispatched job was given (base64 in the API), decoded as its task reads it from local/. */
    public String payloadOf(String allocId) {
        synchronized (lock) {
            String encoded = allocation(allocId).path("Job").path("Payload").asText("");
            return new String(java.util.Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        }
    }

    /**
     * A batch allocation's task ends, as Nomad's client reports it: state dead, a Terminated
     * event with the exit code, the allocation complete (or failed for a non-zero code); the
     * logs API then answers {@code stdout} for it.
     */
    public void finishAllocation(String allocId, int exitCode, String stdout) {
        synchronized (lock) {
            ObjectNode alloc = allocations.get(allocId);
            if (alloc == null) {
                throw new ApiError(404, "alloc not found");
            }
            long now = bump();
            alloc.get("TaskStates").fields().forEachRemaining(entry -> {
                ObjectNode state = (ObjectNode) entry.getValue();
                state.put("State", "dead");
                state.put("Failed", exitCode != 0);
                state.put("FinishedAt", "2026-01-01T00:01:00Z");
                ObjectNode terminated = Allocations.event("Terminated", "Exit Code: " + exitCode);
                terminated.put("ExitCode", exitCode);
                ((com.fasterxml.jackson.databind.node.ArrayNode) state.withArray("Events")).add(terminated);
            });
            alloc.put("ClientStatus", exitCode == 0 ? "complete" : "failed");
            alloc.put("ClientDescription", exitCode == 0 ? "All tasks have completed" : "Failed tasks");
            alloc.put("ModifyIndex", now);
            finishedOutput.put(allocId, stdout);
        }
    }

    /** A blocked evaluation run again: places what its job still lacks, blocks again for what still does not fit. */
    private void reschedule(String evalId) {
        synchronized (lock) {
            ObjectNode eval = evaluations.get(evalId);
            ObjectNode job = jobs.get(eval.get("JobID").asText());
            long now = bump();
            eval.put("ModifyIndex", now);
            if (job == null || job.path("Stop").asBoolean()) {
                eval.put("Status", "canceled");
                return;
            }
            Map<String, Integer> free = freeMemory();
            ObjectNode failed = NomadDouble.object();
            List<ObjectNode> placed = new ArrayList<>();
            for (JsonNode group : job.withArray("TaskGroups")) {
                String name = group.get("Name").asText();
                long running = allocations.values().stream().filter(a -> a.get("JobID").asText().equals(job.get("ID").asText())
                        && a.get("TaskGroup").asText().equals(name) && a.get("DesiredStatus").asText().equals("run")).count();
                int missing = (int) Math.max(0, group.get("Count").asInt() - running);
                List<ObjectNode> chosen = new ArrayList<>();
                ObjectNode metric = missing == 0 ? null : Placement.place(nodes, free, job, group, missing, chosen);
                for (int i = 0; i < chosen.size(); i++) {
                    placed.add(Allocations.create(job, group, (int) running + i, chosen.get(i), evalId, now));
                }
                if (metric != null) {
                    failed.set(name, metric);
                }
            }
            placed.forEach(a -> allocations.put(a.get("ID").asText(), a));
            eval.put("Status", "complete");
            eval.put("StatusDescription", "");
            if (!failed.isEmpty()) {
                ObjectNode blocked = newEvaluation(job, "queued-allocs");
                blocked.put("Status", "blocked");
                blocked.put("StatusDescription", "created to place remaining allocations");
                blocked.put("PreviousEval", evalId);
                blocked.set("FailedTGAllocs", failed);
                eval.put("BlockedEval", blocked.get("ID").asText());
            }
            if (!placed.isEmpty()) {
                job.put("Status", "running");
                steps.schedule(() -> run(placed), 50, TimeUnit.MILLISECONDS);
            }
        }
    }

    // ---- reads

    JsonNode evaluationList(String status, String jobId) {
        synchronized (lock) {
            ArrayNode list = NomadDouble.JSON.createArrayNode();
            evaluations.values().stream()
                    .filter(e -> status == null || status.isEmpty() || e.get("Status").asText().equals(status))
                    .filter(e -> jobId == null || jobId.isEmpty() || e.get("JobID").asText().equals(jobId))
                    .forEach(e -> list.add(e.deepCopy()));
            return list;
        }
    }

    JsonNode nodeDetail(String id) {
        synchronized (lock) {
            return node(id).deepCopy();
        }
    }

    /** GET /v1/node/:id/allocations: whole allocations (not stubs), as Nomad answers. */
    JsonNode nodeAllocations(String id) {
        synchronized (lock) {
            String nodeId = node(id).get("ID").asText();
            ArrayNode list = NomadDouble.JSON.createArrayNode();
            allocations.values().stream().filter(a -> a.get("NodeID").asText().equals(nodeId)).forEach(a -> list.add(a.deepCopy()));
            return list;
        }
    }

    JsonNode jobAllocations(String jobId) {
        synchronized (lock) {
            job(jobId);
            ArrayNode list = NomadDouble.JSON.createArrayNode();
            allocations.values().stream().filter(a -> a.get("JobID").asText().equals(jobId))
                    .forEach(a -> list.add(Allocations.stub(a)));
            return list;
        }
    }

    JsonNode jobDeployments(String jobId) {
        synchronized (lock) {
            ArrayNode list = NomadDouble.JSON.createArrayNode();
            List<ObjectNode> ofJob = deployments.values().stream().filter(d -> d.get("JobID").asText().equals(jobId)).toList();
            for (int i = ofJob.size() - 1; i >= 0; i--) {
                list.add(ofJob.get(i));
            }
            return list;
        }
    }

    JsonNode evaluation(String id) {
        synchronized (lock) {
            ObjectNode eval = evaluations.get(id);
            if (eval == null) {
                throw new ApiError(404, "eval not found");
            }
            return eval.deepCopy();
        }
    }

    JsonNode evaluationAllocations(String id) {
        synchronized (lock) {
            evaluation(id);
            ArrayNode list = NomadDouble.JSON.createArrayNode();
            allocations.values().stream().filter(a -> a.get("EvalID").asText().equals(id))
                    .forEach(a -> list.add(Allocations.stub(a)));
            return list;
        }
    }

    JsonNode deployment(String id) {
        synchronized (lock) {
            ObjectNode deployment = deployments.get(id);
            if (deployment == null) {
                throw new ApiError(404, "deployment not found");
            }
            return deployment.deepCopy();
        }
    }

    JsonNode allocation(String id) {
        synchronized (lock) {
            ObjectNode alloc = allocations.get(id);
            if (alloc == null) {
                alloc = allocations.values().stream().filter(a -> a.get("ID").asText().startsWith(id)).findFirst()
                        .orElseThrow(() -> new ApiError(404, "alloc not found"));
            }
            return alloc.deepCopy();
        }
    }

    String logs(String allocId, String task, String type) {
        synchronized (lock) {
            JsonNode alloc = allocation(allocId);
            if (task == null || !alloc.path("TaskStates").has(task)) {
                throw new ApiError(400, "must include task name");
            }
            if (finishedOutput.containsKey(allocId)) {
                return type.equals("stderr") ? "" : finishedOutput.get(allocId);
            }
            return Allocations.log(alloc, task, type);
        }
    }

    // ---- nodes

    JsonNode nodeList() {
        synchronized (lock) {
            ArrayNode list = NomadDouble.JSON.createArrayNode();
            for (ObjectNode node : nodes) {
                ObjectNode stub = node.deepCopy();
                stub.remove(List.of("NodeResources", "Attributes", "DrainStrategy", "Meta"));
                list.add(stub);
            }
            return list;
        }
    }

    private ObjectNode node(String id) {
        return nodes.stream().filter(n -> n.get("ID").asText().equals(id) || n.get("ID").asText().startsWith(id))
                .findFirst().orElseThrow(() -> new ApiError(404, "node not found"));
    }

    JsonNode drain(String id, JsonNode body) {
        synchronized (lock) {
            ObjectNode node = node(id);
            long now = bump();
            JsonNode spec = body.path("DrainSpec");
            if (spec.isObject()) {
                ObjectNode strategy = node.putObject("DrainStrategy");
                strategy.set("Deadline", spec.path("Deadline"));
                strategy.set("IgnoreSystemJobs", spec.path("IgnoreSystemJobs"));
                node.put("Drain", true);
                node.put("SchedulingEligibility", "ineligible");
            } else {
                node.putNull("DrainStrategy");
                node.put("Drain", false);
                if (body.path("MarkEligible").asBoolean()) {
                    node.put("SchedulingEligibility", "eligible");
                }
            }
            node.put("ModifyIndex", now);
            ObjectNode reply = NomadDouble.object();
            reply.putArray("EvalIDs");
            reply.put("EvalCreateIndex", 0);
            reply.put("NodeModifyIndex", now);
            reply.put("Index", now);
            return reply;
        }
    }

    JsonNode eligibility(String id, JsonNode body) {
        synchronized (lock) {
            ObjectNode node = node(id);
            String wanted = body.path("Eligibility").asText();
            if (!wanted.equals("eligible") && !wanted.equals("ineligible")) {
                throw new ApiError(400, "invalid scheduling eligibility \"" + wanted + "\"");
            }
            if (node.hasNonNull("DrainStrategy") && wanted.equals("eligible")) {
                throw new ApiError(400, "can not set node's scheduling eligibility to eligible: node is draining");
            }
            long now = bump();
            node.put("SchedulingEligibility", wanted);
            node.put("ModifyIndex", now);
            ObjectNode reply = NomadDouble.object();
            reply.putArray("EvalIDs");
            reply.put("NodeModifyIndex", now);
            reply.put("Index", now);
            return reply;
        }
    }

    static int memoryOf(JsonNode group) {
        int total = 0;
        for (JsonNode task : group.path("Tasks")) {
            JsonNode memory = task.path("Resources").path("MemoryMB");
            total += memory.isNumber() ? memory.asInt() : DEFAULT_TASK_MEMORY_MB;
        }
        return total;
    }
}
