package dev.drover.exec;

import dev.drover.report.Status;
import java.util.Map;

/** How a task ended on a host: the status for the recap, and the result as {@code register} stores it. */
record TaskOutcome(Status status, Map<String, Object> result) {
}
