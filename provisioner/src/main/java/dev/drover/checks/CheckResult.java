package dev.drover.checks;

import dev.drover.SourceLocation;
import java.time.Duration;

/** The verdict on one property of one check (Goss's unit of result). */
public record CheckResult(String type, String id, String title, String property, Outcome outcome,
                          String expected, String found, String message, Duration duration,
                          SourceLocation source) {
}
