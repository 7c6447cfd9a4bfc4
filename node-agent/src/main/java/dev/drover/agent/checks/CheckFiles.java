package dev.drover.agent.checks;

import dev.drover.agent.config.AgentConfig;
import dev.drover.agent.config.CheckFileConfig;
import dev.drover.checks.CheckFile;
import dev.drover.checks.CheckRunner;
import dev.drover.checks.HostReport;
import dev.drover.transport.LocalConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's check files: loads them all at start (any error stops the start), runs one on
 * request, keeps each file's latest run and tells the listeners. A file never runs twice at
 * once, whoever asks (the schedule or POST /api/v1/checks/run): a second request waits for
 * the running one and then runs again, so the caller sees results newer than its request.
 */
public final class CheckFiles {

    private static final Logger LOG = LoggerFactory.getLogger(CheckFiles.class);

    private final Map<String, ScheduledFile> files;
    private final String hostName;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, FileRun> latest = new ConcurrentHashMap<>();
    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();

    private CheckFiles(Map<String, ScheduledFile> files, String hostName) {
        this.files = files;
        this.hostName = hostName;
    }

    /** Loads and validates every configured file; a UserError (file:line) for the first bad one. */
    public static CheckFiles load(AgentConfig config, String hostName) {
        Map<String, Object> vars = new LinkedHashMap<>();
        // The names a check file written for `drover check` expects of its host.
        vars.put("inventory_hostname", hostName);
        vars.put("inventory_hostname_short", hostName.split("\\.", 2)[0]);
        vars.put("ansible_hostname", hostName.split("\\.", 2)[0]);
        vars.putAll(config.vars());
        Map<String, ScheduledFile> files = new LinkedHashMap<>();
        for (CheckFileConfig entry : config.checks()) {
            CheckFile file = CheckFile.load(entry.path(), vars);
            ScheduledFile scheduled = new ScheduledFile(entry, file, new CheckRunner(entry.timeout()));
            if (files.putIfAbsent(scheduled.name(), scheduled) != null) {
                throw new dev.drover.UserError("check file " + entry.path() + " is listed twice", entry.source());
            }
        }
        return new CheckFiles(files, hostName);
    }

    public Collection<ScheduledFile> all() {
        return files.values();
    }

    public Optional<ScheduledFile> named(String name) {
        return Optional.ofNullable(files.get(name));
    }

    public void addListener(RunListener listener) {
        listeners.add(listener);
    }

    /** The latest run of every file that has run, in config order. */
    public List<FileRun> latestRuns() {
        List<FileRun> runs = new ArrayList<>();
        for (String name : files.keySet()) {
            FileRun run = latest.get(name);
            if (run != null) {
                runs.add(run);
            }
        }
        return runs;
    }

    public Optional<FileRun> latest(String name) {
        return Optional.ofNullable(latest.get(name));
    }

    /** True when every file has run at least once. */
    public boolean allRan() {
        return latest.keySet().containsAll(files.keySet());
    }

    public FileRun run(ScheduledFile file) {
        ReentrantLock lock = locks.computeIfAbsent(file.name(), n -> new ReentrantLock());
        lock.lock();
        try {
            HostReport report;
            try (LocalConnection connection = new LocalConnection(hostName)) {
                report = file.runner().run(file.file(), connection);
            }
            FileRun run = new FileRun(file.config().path(), file.config().schedule(), report);
            latest.put(file.name(), run);
            for (RunListener listener : listeners) {
                try {
                    listener.finished(run);
                } catch (RuntimeException e) {
                    LOG.warn("after the run of {}: {}", file.name(), e.toString());
                }
            }
            return run;
        } finally {
            lock.unlock();
        }
    }

    public List<FileRun> runAll() {
        List<FileRun> runs = new ArrayList<>();
        for (ScheduledFile file : files.values()) {
            runs.add(run(file));
        }
        return runs;
    }

    /** Every latest result as one report for this node, the unit of /healthz. */
    public HostReport nodeReport() {
        List<FileRun> runs = latestRuns();
        Instant started = runs.stream().map(r -> r.report().startedAt()).min(Instant::compareTo).orElse(Instant.now());
        java.time.Duration total = runs.stream().map(r -> r.report().duration()).reduce(java.time.Duration.ZERO, java.time.Duration::plus);
        List<dev.drover.checks.CheckResult> results = new ArrayList<>();
        runs.forEach(r -> results.addAll(r.report().results()));
        return new HostReport(hostName, started, total, results);
    }
}
