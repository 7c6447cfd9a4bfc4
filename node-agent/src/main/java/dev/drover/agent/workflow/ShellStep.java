package dev.drover.agent.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: shell}: a command on this node, as the agent's user. A string runs with
 * {@code sh -c}, a list as the program and its arguments. Outputs stdout, stderr and rc; an rc
 * other than 0 (or those in {@code ok_codes}) fails the step. A timeout or cancel kills the
 * command and everything it started. The command's pid is remembered, so that an agent
 * resuming after a crash first kills a command the dead agent left running, then starts it
 * again: one copy at a time. With {@code runs_on: nomad} the command runs on a node of the
 * cluster instead, as a dispatched Nomad batch job ({@link NomadShell}).
 */
final class ShellStep implements StepType {

    private final NomadShell nomadShell;

    /** A shell step that runs on this node only ({@code runs_on: nomad} fails with why). */
    ShellStep() {
        this(Optional.empty());
    }

    ShellStep(Optional<dev.drover.nomad.NomadClient> nomad) {
        this(new NomadDispatch(nomad));
    }

    ShellStep(NomadDispatch dispatch) {
        this.nomadShell = new NomadShell(dispatch);
    }

    /** Stdout and stderr kept as outputs; the rest is cut (the run store is not a log archive). */
    static final int MAX_OUTPUT = 256 * 1024;

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public Set<String> arguments() {
        return Set.of("command", "env", "cwd", "ok_codes", "runs_on", "nomad_job");
    }

    @Override
    public Set<String> required() {
        return Set.of("command");
    }

    @Override
    public StepResult run(StepCall call) throws Exception {
        Object runsOn = call.args().get("runs_on");
        if (runsOn != null) {
            if (!"nomad".equals(String.valueOf(runsOn))) {
                throw new IllegalArgumentException("runs_on must be nomad (or left out to run on this node), not " + runsOn);
            }
            if (!(call.args().get("command") instanceof String command) || command.isBlank()) {
                throw new IllegalArgumentException("with runs_on: nomad, command must be a string (the dispatched job runs it with sh)");
            }
            return nomadShell.run(call, command, okCodes(call.args().get("ok_codes")));
        }
        killLeftover(call);
        List<String> argv = argv(call.args().get("command"));
        ProcessBuilder builder = new ProcessBuilder(argv);
        Object cwd = call.args().get("cwd");
        if (cwd != null) {
            builder.directory(Path.of(String.valueOf(cwd)).toFile());
        }
        Object env = call.args().get("env");
        if (env instanceof Map<?, ?> vars) {
            vars.forEach((k, v) -> builder.environment().put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (env != null) {
            throw new IllegalArgumentException("env must be a mapping of names to values");
        }
        Path stdout = Files.createTempFile("drover-step-", ".out");
        Path stderr = Files.createTempFile("drover-step-", ".err");
        try {
            builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(devNull()));
            Process process = builder.start();
            ProcessHandle handle = process.toHandle();
            call.remember("pid", handle.pid() + " " + handle.info().startInstant().map(Instant::toString).orElse(""));
            int rc;
            try {
                rc = process.waitFor();
            } catch (InterruptedException e) {
                kill(handle, process::destroyForcibly); // a Process's own handle refuses destroy; the Process does not
                throw e;
            }
            String out = read(stdout);
            String err = read(stderr);
            call.log(out.isEmpty() && err.isEmpty() ? "(no output)" : (out + err).stripTrailing());
            Map<String, Object> outputs = new LinkedHashMap<>();
            outputs.put("rc", rc);
            outputs.put("stdout", out.stripTrailing());
            outputs.put("stderr", err.stripTrailing());
            if (!okCodes(call.args().get("ok_codes")).contains(rc)) {
                return StepResult.failed("command exited with " + rc + (err.isBlank() ? "" : ": " + lastLine(err)), outputs);
            }
            return StepResult.ok(outputs);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }

    private static List<String> argv(Object command) {
        if (command instanceof List<?> list && !list.isEmpty()) {
            List<String> argv = new ArrayList<>();
            list.forEach(a -> argv.add(String.valueOf(a)));
            return argv;
        }
        if (command instanceof String text && !text.isBlank()) {
            return List.of("/bin/sh", "-c", text);
        }
        throw new IllegalArgumentException("command must be a string (run with sh -c) or a non-empty list, not " + command);
    }

    private static Set<Integer> okCodes(Object value) {
        if (value == null) {
            return Set.of(0);
        }
        List<?> codes = value instanceof List<?> list ? list : List.of(value);
        Set<Integer> out = new java.util.HashSet<>();
        for (Object code : codes) {
            out.add(Integer.parseInt(String.valueOf(code).trim()));
        }
        return out;
    }

    /**
     * A command a dead agent left running for this step: the same pid, started at the same
     * instant (to the second: each JVM derives start times from the boot time on its own, so
     * they may differ by a few milliseconds; a recycled pid would differ by far more).
     */
    private static void killLeftover(StepCall call) {
        Optional<String> remembered = call.remembered("pid");
        if (remembered.isEmpty()) {
            return;
        }
        String[] parts = remembered.get().split(" ", 2);
        Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(parts[0]));
        if (handle.isEmpty() || parts.length < 2 || parts[1].isEmpty() || !handle.get().isAlive()) {
            return;
        }
        Optional<Instant> started = handle.get().info().startInstant();
        if (started.isPresent() && Duration.between(Instant.parse(parts[1]), started.get()).abs().toMillis() < 1000) {
            call.log("stopped the command left running by the previous agent (pid " + parts[0] + ")");
            kill(handle.get(), handle.get()::destroyForcibly);
        }
    }

    /**
     * The command and everything it started. The command goes first: a shell whose child was
     * killed first would go on to its next command.
     */
    static void kill(ProcessHandle process, Runnable killRoot) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        killRoot.run();
        all.forEach(ProcessHandle::destroyForcibly);
        all.add(process);
        boolean interrupted = Thread.interrupted();
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // Gone or unkillable; nothing more to do here.
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_OUTPUT);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The last line of a command's output: what a one-line error quotes. */
    static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
