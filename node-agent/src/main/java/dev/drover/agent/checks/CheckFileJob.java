package dev.drover.agent.checks;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Quartz's unit of work: one run of one check file; never two at once for the same file. */
@DisallowConcurrentExecution
final class CheckFileJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(CheckFileJob.class);

    private final CheckFiles files;

    CheckFileJob(CheckFiles files) {
        this.files = files;
    }

    @Override
    public void execute(JobExecutionContext context) {
        String name = context.getJobDetail().getKey().getName();
        files.named(name).ifPresent(file -> {
            try {
                files.run(file);
            } catch (RuntimeException e) {
                // A broken run must not kill the schedule: the next tick tries again.
                LOG.error("check file {} could not run: {}", name, e.toString());
            }
        });
    }
}
