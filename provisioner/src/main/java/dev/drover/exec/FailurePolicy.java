package dev.drover.exec;

import dev.drover.SourceLocation;
import dev.drover.UserError;

/**
 * When failures on some hosts stop the play for all of them (linear strategy, checked
 * after every task, as Ansible does):
 * <ul>
 * <li>{@code any_errors_fatal} on the task, its blocks or the play, and also every
 *     {@code run_once} task, unless it has {@code ignore_errors}: a host that failed (and
 *     was not taken over by a rescue section) or became unreachable ends the play;</li>
 * <li>{@code max_fail_percentage}: more than that share of the batch's hosts failed.</li>
 * </ul>
 * Either way the remaining hosts stop without a failure of their own, and no later batch
 * or play runs.
 */
final class FailurePolicy {

    private FailurePolicy() {
    }

    /** @param failedInBatch hosts of the batch that failed (not unreachable ones, as Ansible counts) */
    static boolean exceedsMaxFail(Object maxFailPercentage, int failedInBatch, int batchSize, SourceLocation where) {
        if (maxFailPercentage == null || batchSize == 0) {
            return false;
        }
        double allowed;
        try {
            allowed = Double.parseDouble(String.valueOf(maxFailPercentage).strip().replace("%", ""));
        } catch (NumberFormatException e) {
            throw new UserError("max_fail_percentage must be a number, not '" + maxFailPercentage + "'", where,
                    "e.g. 'max_fail_percentage: 30' for 30% of the hosts of each batch");
        }
        return (double) failedInBatch / batchSize > allowed / 100.0;
    }
}
