package dev.drover.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.SourceLocation;
import dev.drover.UserError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a run has finished, host by host, so that {@code drover play --resume} can carry on
 * where a failed or killed run stopped.
 *
 * <p>One directory per set of arguments under {@code ~/.drover/runs/}: its name is a hash
 * of the playbook's absolute path, the inventory sources and the --limit, so running the
 * same command again finds it. It holds {@code run.json} (the arguments, the playbook's
 * hash, the state: running, failed or succeeded) and {@code completed.jsonl}, one line per
 * task finished on a host: the task's {@link TaskIds stable name}, its result (so that a
 * skipped task's register and set_fact values come back), and the handlers the host was
 * left notified for. Lines are written as tasks finish, so a killed run leaves all it did.
 * A new run without --resume starts the record afresh.
 */
final class RunRecord {

    /** One task finished on one host. */
    record Completion(String host, String task, String name, Map<String, Object> result, List<String> notified) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Map<String, Object> header;
    private final Map<String, Completion> completed = new ConcurrentHashMap<>();
    /** Null when the record is only read (--check --resume). */
    private final BufferedWriter log;

    private RunRecord(Path directory, Map<String, Object> header, BufferedWriter log) {
        this.directory = directory;
        this.header = header;
        this.log = log;
    }

    /** The folder of the run with these arguments. */
    static Path directoryFor(Path runsRoot, Path playbook, List<String> inventories, String limit) {
        String key = playbook.toAbsolutePath().normalize() + "\n"
                + String.join("\n", inventories.stream().map(RunRecord::absoluteIfPath).toList()) + "\n"
                + (limit == null ? "" : limit);
        return runsRoot.resolve(sha256(key).substring(0, 16));
    }

    private static String absoluteIfPath(String source) {
        Path path = Path.of(source);
        return Files.exists(path) ? path.toAbsolutePath().normalize().toString() : source;
    }

    /** Starts recording a new run, forgetting any earlier one with the same arguments. */
    static RunRecord fresh(Path directory, Path playbook, List<String> inventories, String limit) {
        try {
            Files.createDirectories(directory);
            restrict(directory.getParent());
            restrict(directory);
            Files.deleteIfExists(directory.resolve("completed.jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run record in " + directory, e);
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("playbook", playbook.toAbsolutePath().normalize().toString());
        header.put("playbook_sha256", fileHash(playbook));
        header.put("inventory", inventories);
        header.put("limit", limit);
        return open(directory, header);
    }

    /**
     * The recorded run with these arguments, to carry on with. Fails when there is none, when
     * it finished successfully (nothing to resume), or when the playbook has changed since
     * (the recorded task names would point at other tasks).
     */
    static RunRecord resume(Path directory, Path playbook, boolean write) {
        Path headerFile = directory.resolve("run.json");
        if (!Files.isRegularFile(headerFile)) {
            throw new UserError("no recorded run to resume for this playbook, inventory and --limit", SourceLocation.of(playbook),
                    "run it without --resume first; runs are recorded in " + directory.getParent());
        }
        Map<String, Object> header;
        try {
            header = JSON.readValue(headerFile.toFile(), JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
        } catch (IOException e) {
            throw new UserError("the run record " + headerFile + " cannot be read: " + e.getMessage(), SourceLocation.of(playbook),
                    "delete " + directory + " and run without --resume");
        }
        if ("succeeded".equals(header.get("state"))) {
            throw new RunControl.NothingToResume("nothing to resume: the last run of " + playbook + " with this inventory and --limit finished"
                    + " successfully at " + header.get("finished"));
        }
        if (!fileHash(playbook).equals(header.get("playbook_sha256"))) {
            throw new UserError("the playbook has changed since the recorded run, so its tasks cannot be matched up",
                    SourceLocation.of(playbook), "run it without --resume (or restore the playbook as it was)");
        }
        RunRecord record = write ? open(directory, header) : new RunRecord(directory, header, null);
        record.load();
        return record;
    }

    private static RunRecord open(Path directory, Map<String, Object> header) {
        header.put("state", "running");
        header.put("pid", ProcessHandle.current().pid());
        header.put("started", Instant.now().toString());
        header.remove("finished");
        header.remove("exit_code");
        try {
            BufferedWriter log = Files.newBufferedWriter(directory.resolve("completed.jsonl"), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            RunRecord record = new RunRecord(directory, header, log);
            record.writeHeader();
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run record in " + directory, e);
        }
    }

    private void load() {
        try {
            for (String line : Files.readAllLines(directory.resolve("completed.jsonl"), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                Completion done;
                try {
                    done = JSON.readValue(line, Completion.class);
                } catch (JsonProcessingException e) {
                    continue; // a line cut short when the run was killed: that task did not finish
                }
                completed.put(key(done.host(), done.task()), done);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path directory() {
        return directory;
    }

    /** What the recorded run left of {@code task} on {@code host}, or null when it did not finish there. */
    Completion completed(String host, String task) {
        return task == null ? null : completed.get(key(host, task));
    }

    /** Notes that {@code task} finished on {@code host}; written through at once, so a kill loses nothing. */
    void complete(String host, String task, String name, Map<String, Object> result, List<String> notified) {
        if (task == null || log == null) {
            return;
        }
        Completion done = new Completion(host, task, name, result, List.copyOf(notified));
        completed.put(key(host, task), done);
        String line;
        try {
            line = JSON.writeValueAsString(done);
        } catch (JsonProcessingException e) {
            // A result Jackson cannot write still counts as done; it just cannot be registered again.
            try {
                line = JSON.writeValueAsString(new Completion(host, task, name, Map.of(), List.copyOf(notified)));
            } catch (JsonProcessingException again) {
                throw new IllegalStateException(again);
            }
        }
        synchronized (log) {
            try {
                log.write(line);
                log.write('\n');
                log.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the run record in " + directory, e);
            }
        }
    }

    /** The run is over: a successful one leaves nothing to resume. */
    void finish(int exitCode) {
        if (log == null) {
            return; // read only: a check run carries on with the record but leaves it as it was
        }
        header.put("state", exitCode == 0 ? "succeeded" : "failed");
        header.put("exit_code", exitCode);
        header.put("finished", Instant.now().toString());
        try {
            synchronized (log) {
                log.close();
            }
            writeHeader();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeHeader() throws IOException {
        Path file = directory.resolve("run.json");
        Path temporary = directory.resolve("run.json.tmp");
        Files.writeString(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(header), StandardCharsets.UTF_8);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String key(String host, String task) {
        return host + "\u0000" + task;
    }

    /** Registered results may hold secrets: the record is for its owner only. */
    private static void restrict(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: the record is still usable
        }
    }

    private static String fileHash(Path file) {
        try {
            return sha256(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
