package dev.drover.agent.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code runs_on: nomad} for a step type that is not shell (http, check, play, llm): the step
 * itself, its rendered arguments as JSON, is the payload of a dispatch of a parameterized batch
 * job (by default {@code drover-step}, jobs/drover-step.nomad.j2) whose task is the chosen
 * node's own drover-agent, {@code drover-agent run-step} ({@link DispatchedStep}). That node
 * runs the step as if it were its own and prints the result, which becomes this step's result:
 * the same outputs as on this node, plus {@code nomad} (the node, allocation and job it ran in).
 * Without {@code runs_on} the step runs here, unchanged. Dispatched exactly once across
 * restarts of this agent ({@link NomadDispatch}).
 */
final class RemoteStep implements StepType {

    static final String DEFAULT_JOB = "drover-step";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StepType local;
    private final NomadDispatch dispatch;
    private final Set<String> arguments;

    private RemoteStep(StepType local, NomadDispatch dispatch) {
        this.local = local;
        this.dispatch = dispatch;
        Set<String> names = new HashSet<>(local.arguments());
        names.add("runs_on");
        names.add("nomad_job");
        this.arguments = Set.copyOf(names);
    }

    /** {@code local}, able to run elsewhere in the cluster when a step says {@code runs_on: nomad}. */
    static StepType offer(StepType local, NomadDispatch dispatch) {
        return new RemoteStep(local, dispatch);
    }

    @Override
    public String name() {
        return local.name();
    }

    @Override
    public Set<String> arguments() {
        return arguments;
    }

    @Override
    public Set<String> required() {
        return local.required();
    }

    @Override
    public boolean waits() {
        return local.waits();
    }

    @Override
    public StepResult run(StepCall call) throws Exception {
        Object runsOn = call.args().get("runs_on");
        if (runsOn == null) {
            return local.run(call);
        }
        if (!"nomad".equals(String.valueOf(runsOn))) {
            throw new IllegalArgumentException("runs_on must be nomad (or left out to run on this node), not " + runsOn);
        }
        String job = String.valueOf(call.args().getOrDefault("nomad_job", DEFAULT_JOB));
        NomadDispatch.Ended ended = dispatch.run(call, job, DispatchedStep.payload(call, name()));
        Map<String, Object> outputs = new LinkedHashMap<>();
        JsonNode result = DispatchedStep.result(ended.stdout());
        if (result == null) {
            outputs.put("nomad", ended.placement());
            String why = ShellStep.lastLine(ended.stderr().isBlank() ? ended.stdout() : ended.stderr()).strip();
            call.log("ran on " + ended.node() + " (allocation " + ended.allocation() + "), exit " + ended.rc() + ", no step result"
                    + (why.isEmpty() ? "" : "\n" + (ended.stdout() + ended.stderr()).stripTrailing()));
            return StepResult.failed("the " + name() + " step did not run on " + ended.node() + " (Nomad job " + ended.job()
                    + " exited with " + ended.rc() + (why.isEmpty() ? "" : ": " + why)
                    + "); is drover-agent installed there, as jobs/drover-step.nomad.j2 expects?", outputs);
        }
        outputs.putAll(Values.map(JSON.convertValue(result.path("outputs"), Object.class)));
        outputs.put("nomad", ended.placement());
        String remoteLog = result.path("log").asText("").stripTrailing();
        call.log("ran on " + ended.node() + " (allocation " + ended.allocation() + ")" + (remoteLog.isEmpty() ? "" : "\n" + remoteLog));
        if (!result.path("ok").asBoolean()) {
            return StepResult.failed(result.path("error").asText("failed") + " (on " + ended.node() + ")", outputs);
        }
        return StepResult.ok(outputs);
    }
}
