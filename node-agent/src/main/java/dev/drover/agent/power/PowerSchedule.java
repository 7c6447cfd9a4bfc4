package dev.drover.agent.power;

import dev.drover.agent.config.PowerConfig;
import java.util.List;
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

/** power.schedules as Quartz cron jobs (in memory, like the check schedule): each wakes or sleeps one node. */
final class PowerSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PowerSchedule.class);

    private final Scheduler scheduler;

    PowerSchedule(List<PowerConfig.Scheduled> entries, PowerManager manager) {
        try {
            Properties props = new Properties();
            props.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "drover-agent-power");
            props.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
            props.setProperty("org.quartz.threadPool.threadCount", "1");
            props.setProperty("org.quartz.threadPool.threadNamePrefix", "power-schedule");
            props.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
            props.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
            scheduler = new StdSchedulerFactory(props).getScheduler();
            for (int i = 0; i < entries.size(); i++) {
                PowerConfig.Scheduled entry = entries.get(i);
                JobDetail job = JobBuilder.newJob(ScheduledPowerJob.class).withIdentity("power-" + i).build();
                scheduler.scheduleJob(job, TriggerBuilder.newTrigger().withIdentity("power-" + i)
                        .withSchedule(CronScheduleBuilder.cronSchedule(entry.cron()).withMisfireHandlingInstructionDoNothing())
                        .build());
            }
            scheduler.setJobFactory((bundle, s) -> {
                PowerConfig.Scheduled entry = entries.get(Integer.parseInt(bundle.getJobDetail().getKey().getName().substring(6)));
                return new ScheduledPowerJob(entry, manager);
            });
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot set up the power schedule: " + e.getMessage(), e);
        }
    }

    void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the power schedule: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(false);
        } catch (SchedulerException ignored) {
            // shutting down
        }
    }

    /** One firing of a scheduled wake or sleep; a refusal (e.g. a controller) is recorded, not thrown. */
    static final class ScheduledPowerJob implements Job {
        private final PowerConfig.Scheduled entry;
        private final PowerManager manager;

        ScheduledPowerJob(PowerConfig.Scheduled entry, PowerManager manager) {
            this.entry = entry;
            this.manager = manager;
        }

        @Override
        public void execute(org.quartz.JobExecutionContext context) {
            String reason = "cron " + entry.cron();
            try {
                if (entry.action().equals("wake")) {
                    manager.wake(entry.node(), false, "schedule", "schedule", reason);
                } else {
                    manager.sleep(entry.node(), false, "schedule", "schedule", reason);
                }
            } catch (PowerRefusal e) {
                LOG.warn("scheduled {} of {} not done: {}", entry.action(), entry.node(), e.getMessage());
                manager.record(PowerEvent.of(entry.node(), entry.action(), "schedule", "schedule", reason,
                        "refused: " + e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("scheduled {} of {} failed: {}", entry.action(), entry.node(), e.toString());
            }
        }
    }
}
