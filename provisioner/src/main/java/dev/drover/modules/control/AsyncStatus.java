package dev.drover.modules.control;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.AsyncJobTable;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.util.Optional;

/**
 * Ansible's async_status: where a job started with {@code async} and {@code poll: 0} is.
 * While it runs: {@code finished: 0}; once done, the job's own result with
 * {@code finished: 1}, so {@code until: job is finished} waits for it and then sees what the
 * module returned. {@code mode: cleanup} forgets the job.
 */
public final class AsyncStatus implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.str("jid").mandatory().aliases("id"),
            Arg.str("mode").defaultsTo("status").choices("status", "cleanup"));

    @Override
    public String name() {
        return "async_status";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) {
        String jid = args.string("jid");
        AsyncJobTable jobs = context.session().asyncJobs();
        if (args.string("mode").equals("cleanup")) {
            jobs.forget(jid);
            return ModuleResult.builder().changed(false).put("ansible_job_id", jid).put("started", 0).put("finished", 0)
                    .put("stdout", "").put("stderr", "").build();
        }
        Optional<AsyncJobTable.JobState> state = jobs.state(jid);
        if (state.isEmpty()) {
            return ModuleResult.builder().changed(false).put("failed", true).msg("could not find job")
                    .put("ansible_job_id", jid).put("started", 1).put("finished", 1).put("stdout", "").put("stderr", "").build();
        }
        if (!state.get().finished()) {
            return ModuleResult.builder().changed(false).put("ansible_job_id", jid).put("started", 1).put("finished", 0).build();
        }
        return ModuleResult.builder().putAll(state.get().result())
                .put("ansible_job_id", jid).put("started", 1).put("finished", 1).build();
    }
}
