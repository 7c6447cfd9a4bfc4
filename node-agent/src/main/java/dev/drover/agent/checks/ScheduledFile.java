package dev.drover.agent.checks;

import dev.drover.agent.config.CheckFileConfig;
import dev.drover.checks.CheckFile;
import dev.drover.checks.CheckRunner;

/** A check file loaded and validated at start, with its schedule and its own runner (its timeout). */
public record ScheduledFile(CheckFileConfig config, CheckFile file, CheckRunner runner) {

    public String name() {
        return config.path().toString();
    }
}
