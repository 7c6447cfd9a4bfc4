package dev.drover.agent.workflow;

import java.util.Optional;

/**
 * Which runs to list, newest first: of one workflow and/or in one status (empty: any), older than
 * the run {@code before} (a page's last id: the cursor of the next page), at most {@code limit}.
 */
public record RunQuery(Optional<String> workflow, Optional<RunStatus> status, Optional<String> before, int limit) {

    public RunQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("a page of runs holds at least one, not " + limit);
        }
    }
}
