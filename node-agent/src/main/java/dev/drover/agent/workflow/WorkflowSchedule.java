package dev.drover.agent.workflow;

import java.util.Map;
import java.util.Properties;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the workflows that have a {@code schedule:} on their cron, with their default inputs,
 * as trigger "schedule". A tick missed while the agent was down is not made up for (a rolling
 * upgrade should not fire three times after a long outage).
 */
final class WorkflowSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowSchedule.class);

    private final Scheduler scheduler;

    WorkflowSchedule(WorkflowEngine engine) {
        try {
            Properties props = new Properties();
            props.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "drover-agent-workflows");
            props.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
            props.setProperty("org.quartz.threadPool.threadCount", "1");
            props.setProperty("org.quartz.threadPool.threadNamePrefix", "workflow-cron");
            props.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
            props.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
            scheduler = new StdSchedulerFactory(props).getScheduler();
            // Starting a run only stores it and hands its first steps to the engine: the job is short.
            scheduler.setJobFactory((bundle, s) -> (Job) context -> {
                String name = context.getJobDetail().getKey().getName();
                try {
                    engine.start(name, Map.of(), "schedule", "schedule");
                } catch (RuntimeException e) {
                    LOG.error("scheduled run of {} did not start: {}", name, e.getMessage());
                }
            });
            schedule(engine.catalog().all());
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot set up the workflow schedule: " + e.getMessage(), e);
        }
    }

    /** The cron triggers of {@code workflows}, in place of those there were (after a reload). */
    synchronized void schedule(java.util.Collection<WorkflowDefinition> workflows) throws SchedulerException {
        scheduler.clear();
        for (WorkflowDefinition workflow : workflows) {
            if (workflow.schedule().isEmpty()) {
                continue;
            }
            JobDetail job = JobBuilder.newJob(Job.class).withIdentity(workflow.name()).build();
            scheduler.scheduleJob(job, TriggerBuilder.newTrigger().withIdentity(workflow.name())
                    .withSchedule(CronScheduleBuilder.cronSchedule(workflow.schedule().get()).withMisfireHandlingInstructionDoNothing())
                    .build());
        }
    }

    void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the workflow schedule: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(false);
        } catch (SchedulerException e) {
            // Shutting down: nothing left to do about it.
        }
    }
}
