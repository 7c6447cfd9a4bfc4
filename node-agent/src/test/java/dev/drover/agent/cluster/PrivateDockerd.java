package dev.drover.agent.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Docker daemon of the test's own (Debian's docker.io), everything under one temp dir: its own
 * socket, data root, exec root and pid file, no iptables rules and no bridge, so it touches
 * neither the machine's Docker nor its network. Its only image is busybox (the static binary of
 * Debian's busybox-static) imported from a tarball: nothing is pulled from a registry.
 */
public final class PrivateDockerd implements AutoCloseable {

    public static final Path DOCKERD = Path.of("/usr/sbin/dockerd");
    public static final String IMAGE = "drover-test/busybox:1";
    private static final Path BUSYBOX = Path.of("/usr/bin/busybox");

    private final Path dir;
    private final Process process;
    private final String cli;

    private PrivateDockerd(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
        this.cli = Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";
    }

    /** Why a private dockerd cannot run here, or null when it can be tried. */
    public static String missingPrerequisite() {
        if (!Files.isExecutable(DOCKERD)) {
            return DOCKERD + " is not installed (Debian package docker.io; bin/install-prerequisites installs it)";
        }
        if (!Files.isExecutable(BUSYBOX)) {
            return BUSYBOX + " is not installed (Debian package busybox-static)";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "dockerd needs root";
        }
        return null;
    }

    public static PrivateDockerd start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "drover-dockerd-");
        Process process = new ProcessBuilder(DOCKERD.toString(),
                "--data-root", dir.resolve("data").toString(), "--exec-root", dir.resolve("exec").toString(),
                "--pidfile", dir.resolve("docker.pid").toString(), "-H", "unix://" + dir.resolve("docker.sock"),
                "--iptables=false", "--ip6tables=false", "--bridge=none")
                .redirectErrorStream(true).redirectOutput(dir.resolve("dockerd.log").toFile()).start();
        PrivateDockerd daemon = new PrivateDockerd(dir, process);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!daemon.answers()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("dockerd did not start; its log:\n" + daemon.log());
                }
                Thread.sleep(200);
            }
            daemon.importBusybox();
            return daemon;
        } catch (Exception | Error e) {
            daemon.close();
            throw e;
        }
    }

    public String host() {
        return "unix://" + dir.resolve("docker.sock");
    }

    private boolean answers() throws Exception {
        return Files.exists(dir.resolve("docker.sock")) && run(List.of("version")).exitCode == 0;
    }

    private void importBusybox() throws Exception {
        Path root = Files.createDirectories(dir.resolve("rootfs/bin"));
        Files.copy(BUSYBOX, root.resolve("busybox"));
        for (String applet : List.of("sh", "sleep", "true", "false", "test", "ls", "cat")) {
            Files.createSymbolicLink(root.resolve(applet), Path.of("busybox"));
        }
        Path tar = dir.resolve("rootfs.tar");
        exec(List.of("tar", "-C", dir.resolve("rootfs").toString(), "-cf", tar.toString(), "."));
        docker("import", tar.toString(), IMAGE);
    }

    /** Runs the docker CLI against this daemon; a failure fails the test with its output. */
    public String docker(String... args) throws Exception {
        Result r = run(List.of(args));
        if (r.exitCode != 0) {
            throw new IllegalStateException("docker " + String.join(" ", args) + " failed: " + r.output);
        }
        return r.output.trim();
    }

    private Result run(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(cli, "-H", host()));
        command.addAll(args);
        return exec(command);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " hung");
        }
        return new Result(p.exitValue(), output);
    }

    public String log() throws IOException {
        Path log = dir.resolve("dockerd.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the daemon by its PID (SIGTERM, then SIGKILL after 20 s). Containers go with it. */
    public void stop() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (process.isAlive() && answers()) {
                String ids = run(List.of("ps", "-aq")).output.trim();
                if (!ids.isEmpty()) {
                    List<String> rm = new ArrayList<>(List.of("rm", "-f"));
                    rm.addAll(List.of(ids.split("\\s+")));
                    run(rm);
                }
            }
        } finally {
            stop();
            unmountUnder(dir);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Mounts dockerd left behind (overlays, its exec root) would keep the temp dir from going away. */
    private static void unmountUnder(Path dir) throws Exception {
        List<String> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 1 && f[1].startsWith(dir.toString())) {
                mounts.add(f[1]);
            }
        }
        mounts.sort(Comparator.reverseOrder());
        for (String mount : mounts) {
            exec(List.of("umount", "-l", mount));
        }
    }
}
