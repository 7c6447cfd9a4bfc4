package dev.drover.agent.power;

import java.io.IOException;
import java.util.List;

/** Puts this node to sleep by running the configured command (in tests: records it instead). */
public interface SleepRunner {

    void sleep(List<String> command) throws IOException;

    /** Runs the command detached; its output goes to the agent's log (journald). */
    static SleepRunner process() {
        return command -> new ProcessBuilder(command).inheritIO().start();
    }
}
