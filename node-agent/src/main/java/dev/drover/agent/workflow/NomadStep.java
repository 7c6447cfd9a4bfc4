package dev.drover.agent.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.agent.config.DurationText;
import dev.drover.nomad.NomadClient;
import dev.drover.nomad.NomadError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code type: nomad}: one action on the agent's Nomad (the nomad: section of its config),
 * through the same client as the Nomad panel and routes.
 * <ul>
 * <li>{@code run}: registers {@code job} (a job as JSON, {"Job": {...}} or bare) or {@code job_file}
 *     (a JSON file); with {@code wait: true} waits for the job's deployment.</li>
 * <li>{@code stop} ({@code purge}), {@code dispatch} ({@code meta}, {@code payload}) of {@code job} (an id).</li>
 * <li>{@code drain} / {@code undrain} / {@code eligible} / {@code ineligible} of {@code node}
 *     (a Nomad node's name or id; default: this node).</li>
 * <li>{@code wait_deployment}: waits until the latest deployment of {@code job} is successful
 *     (fails if it fails or is cancelled), up to {@code wait_timeout} (default 10m).</li>
 * </ul>
 * Outputs Nomad's answer as {@code answer}, and {@code eval_id}, {@code dispatched_job_id} or
 * {@code deployment_status} where the action has one.
 */
final class NomadStep implements StepType {

    private static final Set<String> ACTIONS = Set.of("run", "stop", "dispatch", "drain", "undrain", "eligible", "ineligible",
            "wait_deployment");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<NomadClient> nomad;
    private final String thisNode;

    NomadStep(Optional<NomadClient> nomad, String thisNode) {
        this.nomad = nomad;
        this.thisNode = thisNode;
    }

    @Override
    public String name() {
        return "nomad";
    }

    @Override
    public Set<String> arguments() {
        return Set.of("action", "job", "job_file", "node", "meta", "payload", "purge", "wait", "wait_timeout");
    }

    @Override
    public Set<String> required() {
        return Set.of("action");
    }

    @Override
    public StepResult run(StepCall call) throws Exception {
        NomadClient client = nomad.orElseThrow(() -> new IllegalStateException("Nomad is not configured on this agent (no nomad: section)"));
        Map<String, Object> args = call.args();
        String action = String.valueOf(args.get("action"));
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("action must be one of " + String.join(", ", new java.util.TreeSet<>(ACTIONS))
                    + ", not '" + action + "'");
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        try {
            JsonNode answer = switch (action) {
                case "run" -> client.register(job(args), OptionalLong.empty());
                case "stop" -> client.stop(jobId(args), Boolean.TRUE.equals(args.get("purge")));
                case "dispatch" -> client.dispatch(jobId(args), strings(args.get("meta")),
                        args.get("payload") == null ? null : String.valueOf(args.get("payload")).getBytes(StandardCharsets.UTF_8));
                case "drain" -> client.drain(nodeId(client, args), true);
                case "undrain" -> client.drain(nodeId(client, args), false);
                case "eligible" -> client.eligibility(nodeId(client, args), true);
                case "ineligible" -> client.eligibility(nodeId(client, args), false);
                default -> null;
            };
            if (answer != null) {
                outputs.put("answer", Values.plain(JSON.convertValue(answer, Object.class)));
                if (answer.hasNonNull("EvalID")) {
                    outputs.put("eval_id", answer.get("EvalID").asText());
                }
                if (answer.hasNonNull("DispatchedJobID")) {
                    outputs.put("dispatched_job_id", answer.get("DispatchedJobID").asText());
                }
                call.log(action + ": " + answer);
            }
            if (action.equals("wait_deployment") || action.equals("run") && Boolean.TRUE.equals(args.get("wait"))) {
                String job = action.equals("run") ? jobIdOf(job(args)) : jobId(args);
                String status = waitForDeployment(client, job, call);
                outputs.put("deployment_status", status);
                if (!status.equals("successful")) {
                    return StepResult.failed("the deployment of " + job + " is " + status, outputs);
                }
            }
        } catch (NomadError e) {
            return StepResult.failed(e.getMessage(), outputs);
        }
        return StepResult.ok(outputs);
    }

    private static String waitForDeployment(NomadClient client, String job, StepCall call) throws InterruptedException {
        Object limit = call.args().getOrDefault("wait_timeout", "10m");
        Instant giveUp = Instant.now().plus(DurationText.parse(limit).orElse(Duration.ofMinutes(10)));
        while (true) {
            JsonNode deployments = client.jobDeployments(job);
            String status = "none";
            long newest = -1;
            for (JsonNode d : deployments) {
                if (d.path("CreateIndex").asLong() > newest) {
                    newest = d.path("CreateIndex").asLong();
                    status = d.path("Status").asText();
                }
            }
            if (status.equals("successful") || status.equals("failed") || status.equals("cancelled")) {
                call.log("deployment of " + job + ": " + status);
                return status;
            }
            if (Instant.now().isAfter(giveUp)) {
                return status + " after " + limit;
            }
            Thread.sleep(1000);
        }
    }

    private static JsonNode job(Map<String, Object> args) throws java.io.IOException {
        if (args.get("job_file") != null) {
            return NomadClient.jobOfJsonFile(JSON.readTree(Files.readString(Path.of(String.valueOf(args.get("job_file"))))));
        }
        Object job = args.get("job");
        if (!(job instanceof Map)) {
            throw new IllegalArgumentException("run needs job: (a job as a mapping, as nomad job run -output prints it) or job_file:");
        }
        return NomadClient.jobOfJsonFile(JSON.valueToTree(job));
    }

    private static String jobIdOf(JsonNode job) {
        return job.path("ID").asText();
    }

    private static String jobId(Map<String, Object> args) {
        Object job = args.get("job");
        if (job == null || job instanceof Map || job instanceof java.util.List) {
            throw new IllegalArgumentException("job must be the job's id");
        }
        return String.valueOf(job);
    }

    private String nodeId(NomadClient client, Map<String, Object> args) {
        String wanted = String.valueOf(args.getOrDefault("node", thisNode));
        for (JsonNode node : client.nodes()) {
            if (node.path("Name").asText().equals(wanted) || node.path("ID").asText().equals(wanted)) {
                return node.path("ID").asText();
            }
        }
        throw new IllegalArgumentException("Nomad has no node named " + wanted);
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        Values.map(value).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}
