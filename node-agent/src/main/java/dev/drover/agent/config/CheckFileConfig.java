package dev.drover.agent.config;

import dev.drover.SourceLocation;
import java.nio.file.Path;
import java.time.Duration;

/** One entry of {@code checks:}: a check file, when it runs and how long one check may take. */
public record CheckFileConfig(Path path, Schedule schedule, Duration timeout, SourceLocation source) {
}
