package dev.drover.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** drover-agent started as a process of its own by a test (a restart, a SIGKILL): waiting for it to serve. */
final class AgentProcesses {

    private static final Pattern SERVING = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)");

    private AgentProcesses() {
    }

    /** drover-agent from the test classpath as a process of its own, small as the unit runs it, its output in {@code log}. */
    static Process start(Path config, Path log) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), DroverAgent.class.getName(),
                "--config", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The port the agent says it serves on in its log, once it does (within 30 s), or a failed test with the log. */
    static int waitForPort(Path log, Process agent) throws IOException, InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            Matcher m = SERVING.matcher(text);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!agent.isAlive()) {
                throw new AssertionError("the agent exited with " + agent.exitValue() + ":\n" + text);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the agent did not start serving:\n" + Files.readString(log));
    }
}
