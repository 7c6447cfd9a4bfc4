package dev.drover.agent.checks;

import java.util.Properties;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Runs every check file on its own schedule with Quartz (in memory, no database): one job per
 * file, each run once at start and then on its interval or cron. A run that overruns
 * its interval delays the next one instead of piling up behind it.
 */
public final class CheckSchedule implements AutoCloseable {

    private final Scheduler scheduler;

    public CheckSchedule(CheckFiles files) {
        try {
            Properties props = new Properties();
            props.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "drover-agent-checks");
            props.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
            props.setProperty("org.quartz.threadPool.threadCount", String.valueOf(Math.max(2, Math.min(8, files.all().size()))));
            props.setProperty("org.quartz.threadPool.threadNamePrefix", "check-run");
            props.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
            props.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
            scheduler = new StdSchedulerFactory(props).getScheduler();
            scheduler.setJobFactory((bundle, s) -> new CheckFileJob(files));
            for (ScheduledFile file : files.all()) {
                JobDetail job = JobBuilder.newJob(CheckFileJob.class).withIdentity(file.name()).build();
                java.util.Set<Trigger> triggers = new java.util.HashSet<>();
                triggers.add(trigger(file));
                if (file.config().schedule().isCron()) {
                    // A cron file runs once at start too: /healthz must not wait for its first tick.
                    triggers.add(TriggerBuilder.newTrigger().withIdentity(file.name() + " (at start)").forJob(job.getKey()).startNow().build());
                }
                scheduler.scheduleJob(job, triggers, false);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot set up the check schedule: " + e.getMessage(), e);
        }
    }

    private static Trigger trigger(ScheduledFile file) {
        var schedule = file.config().schedule();
        TriggerBuilder<Trigger> trigger = TriggerBuilder.newTrigger().withIdentity(file.name());
        if (schedule.isCron()) {
            return trigger.withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron())
                    .withMisfireHandlingInstructionDoNothing()).build();
        }
        return trigger.startNow().withSchedule(SimpleScheduleBuilder.simpleSchedule()
                .withIntervalInMilliseconds(schedule.interval().toMillis())
                .repeatForever()
                .withMisfireHandlingInstructionNextWithRemainingCount()).build();
    }

    public void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the check schedule: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            // Wait for running files (each bounded by its timeouts), so none records into a closed history.
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            // Shutting down: nothing left to do about it.
        }
    }
}
