package dev.drover.agent.config;

import java.time.Duration;

/** When a check file runs: every {@code interval}, or on a Quartz {@code cron} expression. */
public record Schedule(Duration interval, String cron) {

    public static Schedule every(Duration interval) {
        return new Schedule(interval, null);
    }

    public static Schedule cron(String quartzExpression) {
        return new Schedule(null, quartzExpression);
    }

    public boolean isCron() {
        return cron != null;
    }

    /** As the API shows it: "every 30s" or "cron 0 0/5 * * * ?". */
    public String describe() {
        return isCron() ? "cron " + cron : "every " + DurationText.format(interval);
    }
}
