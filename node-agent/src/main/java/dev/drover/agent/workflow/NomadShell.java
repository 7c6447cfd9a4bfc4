package dev.drover.agent.workflow;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A shell step with {@code runs_on: nomad}: the command runs on whatever node of the cluster
 * Nomad picks, as the payload of a dispatch of a parameterized batch job (by default
 * {@code drover-shell}, jobs/drover-shell.nomad.j2, which runs it with /bin/sh), so that a
 * workflow — a {@code for_each} above all — fans work out across the cluster instead of this
 * node. Its outputs are the task's exit code, stdout and stderr (Nomad's logs API), and where
 * it ran. Dispatched exactly once across restarts of the agent ({@link NomadDispatch}).
 */
final class NomadShell {

    static final String DEFAULT_JOB = "drover-shell";

    private final NomadDispatch dispatch;

    NomadShell(NomadDispatch dispatch) {
        this.dispatch = dispatch;
    }

    /** Runs the command; {@code okCodes} decides which exit codes fail the step, as for a local command. */
    StepResult run(StepCall call, String command, Set<Integer> okCodes) throws InterruptedException {
        String job = String.valueOf(call.args().getOrDefault("nomad_job", DEFAULT_JOB));
        NomadDispatch.Ended ended = dispatch.run(call, job, command.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("rc", ended.rc());
        outputs.put("stdout", ended.stdout().stripTrailing());
        outputs.put("stderr", ended.stderr().stripTrailing());
        outputs.put("node", ended.node());
        outputs.put("allocation", ended.allocation());
        outputs.put("dispatched_job", ended.job());
        outputs.put("nomad", ended.placement());
        String output = (ended.stdout() + ended.stderr()).stripTrailing();
        call.log("ran on " + ended.node() + " (allocation " + ended.allocation() + "), exit " + ended.rc()
                + (output.isEmpty() ? "" : "\n" + output));
        if (!okCodes.contains(ended.rc())) {
            return StepResult.failed("command exited with " + ended.rc() + " on " + ended.node() + " (Nomad job " + ended.job() + ")", outputs);
        }
        return StepResult.ok(outputs);
    }
}
