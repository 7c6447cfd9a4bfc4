package dev.drover.agent.checks;

import dev.drover.agent.config.AgentConfig;
import dev.drover.checks.CheckResult;
import dev.drover.checks.Outcome;
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

/**
 * Past runs in an embedded SQLite file: one row per file run and one per property result.
 * Bounded: after every insert, runs beyond the per-file count or older than the age limit go,
 * with their results, so the file stays small on a node that runs for years.
 */
public final class CheckHistory implements RunListener, AutoCloseable {

    private final Connection db;
    private final AgentConfig.History retention;

    public CheckHistory(Path file, AgentConfig.History retention) {
        this.retention = retention;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, file TEXT NOT NULL,"
                        + " started_at INTEGER NOT NULL, duration_ms INTEGER NOT NULL, passed INTEGER NOT NULL,"
                        + " failed INTEGER NOT NULL, warned INTEGER NOT NULL, skipped INTEGER NOT NULL, healthy INTEGER NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS runs_by_file ON runs(file, id)");
                s.execute("CREATE TABLE IF NOT EXISTS results (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                        + " type TEXT, resource TEXT, title TEXT, property TEXT, outcome TEXT, expected TEXT, found TEXT,"
                        + " message TEXT, duration_ms INTEGER)");
                s.execute("CREATE INDEX IF NOT EXISTS results_by_run ON results(run_id)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the history database " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void finished(FileRun run) {
        try {
            db.setAutoCommit(false);
            long id;
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO runs (file, started_at, duration_ms, passed,"
                    + " failed, warned, skipped, healthy) VALUES (?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, run.file().toString());
                insert.setLong(2, run.report().startedAt().toEpochMilli());
                insert.setLong(3, run.report().duration().toMillis());
                insert.setLong(4, run.count(Outcome.PASS));
                insert.setLong(5, run.count(Outcome.FAIL));
                insert.setLong(6, run.count(Outcome.WARN));
                insert.setLong(7, run.count(Outcome.SKIP));
                insert.setInt(8, run.healthy() ? 1 : 0);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO results VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                for (CheckResult r : run.report().results()) {
                    insert.setLong(1, id);
                    insert.setString(2, r.type());
                    insert.setString(3, r.id());
                    insert.setString(4, r.title());
                    insert.setString(5, r.property());
                    insert.setString(6, r.outcome().name());
                    insert.setString(7, r.expected());
                    insert.setString(8, r.found());
                    insert.setString(9, r.message());
                    insert.setLong(10, r.duration() == null ? 0 : r.duration().toMillis());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            trim(run.file().toString());
            db.commit();
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("cannot record the run of " + run.file() + ": " + e.getMessage(), e);
        } finally {
            autoCommit();
        }
    }

    private void trim(String file) throws SQLException {
        try (PreparedStatement old = db.prepareStatement("DELETE FROM runs WHERE file = ? AND (started_at < ? OR id <= "
                + "(SELECT id FROM runs WHERE file = ? ORDER BY id DESC LIMIT 1 OFFSET ?))")) {
            old.setString(1, file);
            old.setLong(2, Instant.now().minus(retention.maxAge()).toEpochMilli());
            old.setString(3, file);
            old.setInt(4, retention.maxRunsPerFile());
            old.executeUpdate();
        }
    }

    /** The newest runs first, of one file or of all when {@code file} is null. */
    public synchronized List<HistoryEntry> recent(String file, int limit) {
        String sql = "SELECT file, started_at, duration_ms, passed, failed, warned, skipped, healthy FROM runs"
                + (file == null ? "" : " WHERE file = ?") + " ORDER BY id DESC LIMIT ?";
        try (PreparedStatement query = db.prepareStatement(sql)) {
            int i = 1;
            if (file != null) {
                query.setString(i++, file);
            }
            query.setInt(i, limit);
            List<HistoryEntry> entries = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(new HistoryEntry(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getLong(3),
                            rows.getLong(4), rows.getLong(5), rows.getLong(6), rows.getLong(7), rows.getInt(8) == 1));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the history: " + e.getMessage(), e);
        }
    }

    /** Rows held: runs and property results (for the bound's test and the docs' sizing). */
    public synchronized long[] size() {
        try (Statement s = db.createStatement();
             ResultSet runs = s.executeQuery("SELECT (SELECT COUNT(*) FROM runs), (SELECT COUNT(*) FROM results)")) {
            runs.next();
            return new long[] {runs.getLong(1), runs.getLong(2)};
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // The original error is the one worth reporting.
        }
    }

    private void autoCommit() {
        try {
            db.setAutoCommit(true);
        } catch (SQLException ignored) {
            // Next use reports the connection's state.
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // Closing on the way out.
        }
    }
}
