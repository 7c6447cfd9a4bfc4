package dev.drover.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a program on this machine and keeps what it printed; the lab tests' only way to start processes. */
final class LocalCommand {

    /** What a finished program left behind. */
    record Output(List<String> argv, int exitCode, String stdout, String stderr, Duration took) {

        /**
         * For failure messages: the command, its exit code, the failures a playbook run reported
         * (a host's failure early in a long run is far from the tail), and the tail of what it printed.
         */
        String describe() {
            return String.join(" ", argv) + "\nexit code " + exitCode + " after " + took.toMillis() + " ms"
                    + failures() + "\n--- stdout (tail)\n" + tail(stdout) + "\n--- stderr (tail)\n" + tail(stderr);
        }

        /** The lines of stdout where a playbook run reported a failure, each with the task banner above it. */
        private String failures() {
            List<String> found = new java.util.ArrayList<>();
            String banner = "";
            for (String line : stdout.split("\n")) {
                if (line.startsWith("TASK [") || line.startsWith("RUNNING HANDLER [")) {
                    banner = line;
                } else if (line.startsWith("fatal: ") || line.startsWith("failed: ")) {
                    found.add(banner + "\n" + (line.length() > 1500 ? line.substring(0, 1500) + "..." : line));
                }
            }
            return found.isEmpty() ? "" : "\n--- failures reported\n" + String.join("\n", found.subList(0, Math.min(10, found.size())));
        }

        /** The command, its exit code and what it said on stderr: enough when stdout is a long report. */
        String describeBriefly() {
            return String.join(" ", argv) + "\nexit code " + exitCode + " after " + took.toMillis() + " ms"
                    + "\n--- stderr (tail)\n" + tail(stderr);
        }

        private static String tail(String text) {
            return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
        }
    }

    private final List<String> argv;
    private Map<String, String> environment = Map.of();
    private Path directory;
    private String stdin = "";
    private Duration timeout = Duration.ofMinutes(10);

    private LocalCommand(List<String> argv) {
        this.argv = List.copyOf(argv);
    }

    static LocalCommand of(List<String> argv) {
        return new LocalCommand(argv);
    }

    LocalCommand environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    LocalCommand directory(Path directory) {
        this.directory = directory;
        return this;
    }

    LocalCommand stdin(String stdin) {
        this.stdin = stdin;
        return this;
    }

    LocalCommand timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    Output run() {
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(environment);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv.get(0), e);
        }
        // Both streams are drained while the program runs, so a chatty program never blocks on a full pipe.
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The program may exit without reading its input; what it printed tells the story.
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", argv));
            }
            return new Output(argv, process.exitValue(), out.join(), err.join(),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + String.join(" ", argv), e);
        }
    }

    private static String drain(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
