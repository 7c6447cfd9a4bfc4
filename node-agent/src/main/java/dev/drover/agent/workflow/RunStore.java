package dev.drover.agent.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs, their steps and the steps' durable memory in the agent's SQLite (workflows.sqlite).
 * Every write is committed before it returns; the engine writes a step's final state before it
 * starts any step that needs it, which is what lets a restarted agent resume without repeating
 * a finished step. Bounded: finished runs beyond {@code workflows.keep_runs} go, oldest first.
 */
public final class RunStore implements AutoCloseable {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final Connection db;
    private final ObjectMapper json = new ObjectMapper();
    private final int keepRuns;

    public RunStore(Path file, int keepRuns) {
        this.keepRuns = keepRuns;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // FULL: a step's completion must be on disk before its dependants start, even if the power fails.
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("CREATE TABLE IF NOT EXISTS runs (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,"
                        + " workflow TEXT NOT NULL, source TEXT NOT NULL, file TEXT NOT NULL, inputs TEXT NOT NULL,"
                        + " status TEXT NOT NULL, trigger TEXT NOT NULL, who TEXT NOT NULL, parent_run TEXT, error TEXT,"
                        + " created_at INTEGER NOT NULL, finished_at INTEGER)");
                s.execute("CREATE INDEX IF NOT EXISTS runs_by_status ON runs(status)");
                s.execute("CREATE TABLE IF NOT EXISTS steps (run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                        + " step_id TEXT NOT NULL, item INTEGER NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL,"
                        + " outputs TEXT, error TEXT, log TEXT, started_at INTEGER, finished_at INTEGER, detail TEXT,"
                        + " PRIMARY KEY (run_id, step_id, item))");
                s.execute("CREATE TABLE IF NOT EXISTS memory (run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                        + " step_id TEXT NOT NULL, item INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
                        + " PRIMARY KEY (run_id, step_id, item, key))");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the workflow database " + file + ": " + e.getMessage(), e);
        }
    }

    /** What a stored run was started from: the workflow's text and file, to parse again on resume. */
    public record Source(String text, Path file) {
    }

    public synchronized void create(RunRecord run, Source source) {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO runs (id, workflow, source, file, inputs, status,"
                + " trigger, who, parent_run, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            insert.setString(1, run.id());
            insert.setString(2, run.workflow());
            insert.setString(3, source.text());
            insert.setString(4, source.file().toString());
            insert.setString(5, write(run.inputs()));
            insert.setString(6, run.status().label());
            insert.setString(7, run.trigger());
            insert.setString(8, run.who());
            insert.setString(9, run.parentRun());
            insert.setLong(10, run.createdAt().toEpochMilli());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failure("record the new run of " + run.workflow(), e);
        }
    }

    public synchronized void finish(String runId, RunStatus status, String error) {
        try (PreparedStatement update = db.prepareStatement("UPDATE runs SET status = ?, error = ?, finished_at = ? WHERE id = ?")) {
            update.setString(1, status.label());
            update.setString(2, error);
            update.setObject(3, status.finished() ? Instant.now().toEpochMilli() : null);
            update.setString(4, runId);
            update.executeUpdate();
            if (status.finished()) {
                trim();
            }
        } catch (SQLException e) {
            throw failure("record the end of run " + runId, e);
        }
    }

    public synchronized void save(String runId, StepRecord step) {
        // An upsert, not INSERT OR REPLACE: the row keeps its rowid, so steps list in the order they were first stored.
        try (PreparedStatement upsert = db.prepareStatement("INSERT INTO steps (run_id, step_id, item, status,"
                + " attempts, outputs, error, log, started_at, finished_at, detail) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (run_id, step_id, item) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,"
                + " outputs = excluded.outputs, error = excluded.error, log = excluded.log, started_at = excluded.started_at,"
                + " finished_at = excluded.finished_at, detail = excluded.detail")) {
            upsert.setString(1, runId);
            upsert.setString(2, step.stepId());
            upsert.setInt(3, step.item());
            upsert.setString(4, step.status().label());
            upsert.setInt(5, step.attempts());
            upsert.setString(6, write(step.outputs()));
            upsert.setString(7, step.error());
            upsert.setString(8, step.log());
            upsert.setObject(9, step.startedAt() == null ? null : step.startedAt().toEpochMilli());
            upsert.setObject(10, step.finishedAt() == null ? null : step.finishedAt().toEpochMilli());
            upsert.setString(11, write(step.detail()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failure("record step " + step.stepId() + " of run " + runId, e);
        }
    }

    /** Forgets the items of a for_each step (a retry from it starts its items over). */
    public synchronized void dropItems(String runId, String stepId) {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM steps WHERE run_id = ? AND step_id = ? AND item >= 0")) {
            delete.setString(1, runId);
            delete.setString(2, stepId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw failure("reset step " + stepId + " of run " + runId, e);
        }
    }

    public synchronized Optional<String> remembered(String runId, String stepId, int item, String key) {
        try (PreparedStatement query = db.prepareStatement("SELECT value FROM memory WHERE run_id = ? AND step_id = ? AND item = ? AND key = ?")) {
            query.setString(1, runId);
            query.setString(2, stepId);
            query.setInt(3, item);
            query.setString(4, key);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read step " + stepId + "'s memory", e);
        }
    }

    public synchronized void remember(String runId, String stepId, int item, String key, String value) {
        try (PreparedStatement upsert = db.prepareStatement("INSERT OR REPLACE INTO memory VALUES (?,?,?,?,?)")) {
            upsert.setString(1, runId);
            upsert.setString(2, stepId);
            upsert.setInt(3, item);
            upsert.setString(4, key);
            upsert.setString(5, value);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failure("write step " + stepId + "'s memory", e);
        }
    }

    public synchronized void forget(String runId, String stepId) {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM memory WHERE run_id = ? AND step_id = ?")) {
            delete.setString(1, runId);
            delete.setString(2, stepId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw failure("reset step " + stepId + "'s memory", e);
        }
    }

    public synchronized Optional<RunRecord> run(String id) {
        try (PreparedStatement query = db.prepareStatement(RUN_COLUMNS + " WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(run(rows, steps(id))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read run " + id, e);
        }
    }

    public synchronized Optional<Source> source(String id) {
        try (PreparedStatement query = db.prepareStatement("SELECT source, file FROM runs WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new Source(rows.getString(1), Path.of(rows.getString(2)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read run " + id, e);
        }
    }

    /** Newest first, without their steps; of one workflow, or of all when {@code workflow} is null. */
    public List<RunRecord> recent(String workflow, int limit) {
        return runs(new RunQuery(Optional.ofNullable(workflow), Optional.empty(), Optional.empty(), limit));
    }

    /**
     * A page of runs, newest first, without their steps. A {@code before} that names no stored run
     * (never was, or trimmed since) gives an empty page: callers that care check it with {@link #run}.
     */
    public synchronized List<RunRecord> runs(RunQuery q) {
        List<String> where = new ArrayList<>();
        List<String> values = new ArrayList<>();
        q.workflow().ifPresent(w -> { where.add("workflow = ?"); values.add(w); });
        q.status().ifPresent(st -> { where.add("status = ?"); values.add(st.label()); });
        q.before().ifPresent(id -> { where.add("seq < (SELECT seq FROM runs WHERE id = ?)"); values.add(id); });
        String sql = RUN_COLUMNS + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY seq DESC LIMIT ?";
        try (PreparedStatement query = db.prepareStatement(sql)) {
            int i = 1;
            for (String value : values) {
                query.setString(i++, value);
            }
            query.setInt(i, q.limit());
            List<RunRecord> runs = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    runs.add(run(rows, List.of()));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw failure("list runs", e);
        }
    }

    /** Ids of the runs an agent that stopped left running, oldest first. */
    public synchronized List<String> unfinished() {
        try (Statement s = db.createStatement();
             ResultSet rows = s.executeQuery("SELECT id FROM runs WHERE status = 'running' ORDER BY seq")) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw failure("list unfinished runs", e);
        }
    }

    public synchronized long count() {
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM runs")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw failure("count runs", e);
        }
    }

    private static final String RUN_COLUMNS = "SELECT id, workflow, inputs, status, trigger, who, parent_run, error,"
            + " created_at, finished_at FROM runs";

    private RunRecord run(ResultSet rows, List<StepRecord> steps) throws SQLException {
        long finished = rows.getLong(10);
        Instant finishedAt = rows.wasNull() ? null : Instant.ofEpochMilli(finished);
        return new RunRecord(rows.getString(1), rows.getString(2), read(rows.getString(3)),
                RunStatus.valueOf(rows.getString(4).toUpperCase(java.util.Locale.ROOT)), rows.getString(5), rows.getString(6),
                rows.getString(7), rows.getString(8), Instant.ofEpochMilli(rows.getLong(9)), finishedAt, steps);
    }

    private List<StepRecord> steps(String runId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT step_id, item, status, attempts, outputs, error, log,"
                + " started_at, finished_at, detail FROM steps WHERE run_id = ? ORDER BY rowid")) {
            query.setString(1, runId);
            List<StepRecord> steps = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    steps.add(new StepRecord(rows.getString(1), rows.getInt(2), StepStatus.of(rows.getString(3)), rows.getInt(4),
                            read(rows.getString(5)), rows.getString(6), rows.getString(7), instant(rows, 8), instant(rows, 9),
                            read(rows.getString(10))));
                }
            }
            return steps;
        }
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        long millis = rows.getLong(column);
        return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private void trim() throws SQLException {
        try (PreparedStatement old = db.prepareStatement("DELETE FROM runs WHERE status != 'running' AND seq <= "
                + "(SELECT seq FROM runs WHERE status != 'running' ORDER BY seq DESC LIMIT 1 OFFSET ?)")) {
            old.setInt(1, keepRuns);
            old.executeUpdate();
        }
    }

    private String write(Map<String, Object> value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + value + " as JSON: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> read(String text) {
        if (text == null || text.isEmpty()) {
            return Map.of();
        }
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored value is not JSON: " + e.getMessage(), e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + " in the workflow database: " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // Closing on the way out; every write was committed as it was made.
        }
    }
}
