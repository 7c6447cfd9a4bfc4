package dev.drover.agent.power;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Power events in their own SQLite file (power.sqlite beside the check history),
 * bounded like it: at most {@code maxEvents} rows, none older than {@code maxAge}.
 */
public final class PowerEventLog implements PowerListener, AutoCloseable {

    private final Connection db;
    private final int maxEvents;
    private final Duration maxAge;

    public PowerEventLog(Path file, int maxEvents, Duration maxAge) {
        this.maxEvents = maxEvents;
        this.maxAge = maxAge;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("CREATE TABLE IF NOT EXISTS power_events (id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL,"
                        + " node TEXT NOT NULL, action TEXT NOT NULL, cause TEXT NOT NULL, who TEXT, reason TEXT,"
                        + " wake_ms INTEGER, result TEXT NOT NULL)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the power event history " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void event(PowerEvent event) {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO power_events (time, node, action, cause, who, reason,"
                + " wake_ms, result) VALUES (?,?,?,?,?,?,?,?)")) {
            insert.setLong(1, event.time().toEpochMilli());
            insert.setString(2, event.node());
            insert.setString(3, event.action());
            insert.setString(4, event.cause());
            insert.setString(5, event.who());
            insert.setString(6, event.reason());
            if (event.wakeDuration().isPresent()) {
                insert.setLong(7, event.wakeDuration().get().toMillis());
            } else {
                insert.setNull(7, java.sql.Types.INTEGER);
            }
            insert.setString(8, event.result());
            insert.executeUpdate();
            try (PreparedStatement trim = db.prepareStatement("DELETE FROM power_events WHERE time < ? OR id <= "
                    + "(SELECT id FROM power_events ORDER BY id DESC LIMIT 1 OFFSET ?)")) {
                trim.setLong(1, Instant.now().minus(maxAge).toEpochMilli());
                trim.setInt(2, maxEvents);
                trim.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a power event: " + e.getMessage(), e);
        }
    }

    /** Newest first; of one node, or of all when {@code node} is null. */
    public synchronized List<PowerEvent> recent(String node, int limit) {
        String sql = "SELECT time, node, action, cause, who, reason, wake_ms, result FROM power_events"
                + (node == null ? "" : " WHERE node = ?") + " ORDER BY id DESC LIMIT ?";
        try (PreparedStatement query = db.prepareStatement(sql)) {
            int i = 1;
            if (node != null) {
                query.setString(i++, node);
            }
            query.setInt(i, limit);
            List<PowerEvent> out = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long wake = rows.getLong(7);
                    Optional<Duration> wakeDuration = rows.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(wake));
                    out.add(new PowerEvent(Instant.ofEpochMilli(rows.getLong(1)), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), wakeDuration, rows.getString(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the power events: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing on the way out
        }
    }
}
