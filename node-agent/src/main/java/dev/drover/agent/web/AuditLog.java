package dev.drover.agent.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The append-only record of every mutating call: one JSON line per call (time, who, client
 * address, method, path, status, result). The file is only ever opened for appending and each
 * line is flushed before the response goes out; the agent never rewrites or trims it.
 */
public final class AuditLog implements AutoCloseable {

    private final Path file;
    private final OutputStream out;
    private final ObjectMapper json = new ObjectMapper();

    public AuditLog(Path file) {
        this.file = file;
        try {
            out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the audit log " + file + " for appending: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public synchronized void record(String who, String client, String method, String path, int status, String result) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("who", who);
        line.put("client", client);
        line.put("method", method);
        line.put("path", path);
        line.put("status", status);
        line.put("result", result);
        try {
            out.write((json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write to the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // Every line was flushed as it was written.
        }
    }
}
