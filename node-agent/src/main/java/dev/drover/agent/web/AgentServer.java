package dev.drover.agent.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.agent.checks.FileRun;
import dev.drover.agent.checks.ScheduledFile;
import dev.drover.agent.cluster.ConsulState;
import dev.drover.agent.cluster.ContainersSnapshot;
import dev.drover.agent.config.AgentConfig;
import dev.drover.agent.node.NodeSnapshot;
import io.javalin.Javalin;
import io.javalin.community.ssl.SslPlugin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP side: the routes of docs/api.md, the page from the jar, and the gate
 * ({@link AccessControl}) in front of them; mutating calls are audited after they answer.
 */
public final class AgentServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);
    private static final String STARTED = "drover.started";
    private static final String REFUSAL = "drover.refusal";
    private static final int STATUS_EVENT_SECONDS = 5;

    private final ServerParts parts;
    private final ObjectMapper json = JsonMapper.create();
    private final AccessControl access;
    private final HealthzRoute healthz;
    private final EventStream events;
    private final ScheduledExecutorService timer;
    private final Refreshing<NodeSnapshot> node;
    private final Refreshing<ContainersSnapshot> containers;
    private final Javalin app;
    private final PowerRoutes power;
    private final NomadRoutes nomad;
    private final WorkflowRoutes workflows;
    private final BreakerRoutes breakers;

    public AgentServer(ServerParts parts) {
        this.parts = parts;
        AgentConfig config = parts.config();
        this.access = new AccessControl(config.auth(), new ClientBuckets(config.rateLimit()));
        this.healthz = new HealthzRoute(parts.files(), config.healthzCache());
        this.timer = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "agent-refresh");
            t.setDaemon(true);
            return t;
        });
        this.node = new Refreshing<>(parts.node()::read, timer, STATUS_EVENT_SECONDS);
        this.containers = new Refreshing<>(parts.docker()::snapshot, timer, STATUS_EVENT_SECONDS);
        this.power = new PowerRoutes(parts.power(), parts.powerLog(), json);
        this.events = new EventStream(json, this::status, power::view);
        parts.files().addListener(events);
        parts.power().ifPresent(p -> p.addListener(events));
        this.nomad = new NomadRoutes(parts.nomad(), json);
        this.workflows = new WorkflowRoutes(parts.workflows().engine(), parts.workflows()::reload, json);
        this.breakers = new BreakerRoutes(parts.workflows().breakers(), json);
        parts.workflows().engine().addListener(events::workflowChanged);
        parts.workflows().engine().addListener(parts.metrics());
        parts.workflows().onReload(events::workflowsReloaded);
        parts.nomad().ifPresent(n -> n.addListener(events::nomad));
        this.app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.jsonMapper(new JavalinJackson(json, false));
            javalin.jetty.defaultHost = config.bind();
            javalin.jetty.defaultPort = config.port();
            if (AgentServer.class.getResource("/web") != null) {
                javalin.staticFiles.add(files -> {
                    files.hostedPath = "/";
                    files.directory = "/web";
                    files.location = Location.CLASSPATH;
                });
            }
            config.tls().ifPresent(tls -> javalin.registerPlugin(new SslPlugin(ssl -> {
                ssl.pemFromPath(tls.certificate().toString(), tls.privateKey().toString());
                ssl.insecure = false;
                ssl.secure = true;
                ssl.host = config.bind();
                ssl.securePort = config.port();
                ssl.sniHostCheck = false;
            })));
        });
        routes();
    }

    private void routes() {
        app.before(ctx -> {
            ctx.attribute(STARTED, System.nanoTime());
            access.check(ctx);
        });
        app.exception(Refusal.class, (refusal, ctx) -> {
            refusal.headers.forEach(ctx::header);
            ctx.attribute(REFUSAL, refusal.getMessage());
            ctx.status(refusal.status).json(new Views.ErrorBody(refusal.status, refusal.getMessage()));
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.attribute(REFUSAL, "internal error: " + e);
            ctx.status(500).json(new Views.ErrorBody(500, "internal error: " + e.getMessage()));
        });
        app.after(this::afterwards);

        app.get("/healthz", healthz::handle);
        app.get("/api/v1/status", ctx -> ctx.json(status()));
        app.get("/api/v1/checks", ctx -> ctx.json(parts.files().latestRuns().stream().map(Views::file).toList()));
        app.get("/api/v1/checks/history", this::history);
        app.get("/api/v1/containers", ctx -> ctx.json(parts.docker().snapshot()));
        app.post("/api/v1/checks/run", this::runNow);
        app.get("/api/v1/power", power::get);
        app.get("/api/v1/power/events", power::events);
        app.post("/api/v1/power/wake", power::wake);
        app.post("/api/v1/power/sleep", power::sleep);
        app.get("/api/v1/nomad", nomad::get);
        app.post("/api/v1/nomad/jobs", nomad::run);
        app.post("/api/v1/nomad/jobs/{id}/stop", nomad::stop);
        app.post("/api/v1/nomad/jobs/{id}/dispatch", nomad::dispatch);
        app.get("/api/v1/workflows", workflows::list);
        app.post("/api/v1/workflows/validate", workflows::validate);
        app.post("/api/v1/workflows/reload", workflows::reload);
        app.get("/api/v1/workflows/breakers", breakers::list);
        app.post("/api/v1/workflows/breakers/reset", breakers::reset);
        app.get("/api/v1/workflows/runs", workflows::runs);
        app.get("/api/v1/workflows/runs/{id}", workflows::get);
        app.post("/api/v1/workflows/runs/{id}/cancel", workflows::cancel);
        app.post("/api/v1/workflows/runs/{id}/retry", workflows::retry);
        app.post("/api/v1/workflows/runs/{id}/steps/{step}/approve", workflows::approve);
        app.post("/api/v1/workflows/runs/{id}/steps/{step}/reject", workflows::reject);
        app.post("/api/v1/workflows/{name}/runs", workflows::start);
        // After the fixed paths above (runs, breakers): a workflow of one of those names is read from the list.
        app.get("/api/v1/workflows/{name}", workflows::one);
        app.sse("/api/v1/events", events::connect);
        app.get("/metrics", ctx -> {
            parts.metrics().breakers(parts.workflows().breakers().snapshot());
            ctx.contentType(parts.metrics().contentType()).result(parts.metrics().scrape());
        });
    }

    private void afterwards(Context ctx) {
        Long started = ctx.attribute(STARTED);
        int status = ctx.statusCode();
        if (started != null) {
            parts.metrics().request(ctx.method().name(), route(ctx), status, System.nanoTime() - started);
        }
        if (AccessControl.isMutating(ctx)) {
            String refusal = ctx.attribute(REFUSAL);
            String result = ctx.attribute(PowerRoutes.RESULT);
            parts.audit().record(AccessControl.caller(ctx).name(), AccessControl.clientAddress(ctx), ctx.method().name(),
                    ctx.path(), status, refusal != null ? refusal : result != null ? result : status < 400 ? "ok" : "error");
        }
    }

    /** The matched route, never the raw path: a label per URL scanned would grow /metrics without end. */
    private static String route(Context ctx) {
        if (ctx.statusCode() == 404) {
            return "unmatched";
        }
        try {
            String path = ctx.endpointHandlerPath();
            return path == null || path.equals("*") ? "static" : path;
        } catch (RuntimeException e) {
            return "static";
        }
    }

    Views.Status status() {
        List<FileRun> runs = parts.files().latestRuns();
        boolean healthy = parts.files().allRan() && runs.stream().allMatch(FileRun::healthy);
        Map<String, Object> panels = new LinkedHashMap<>();
        ContainersSnapshot docker = containers.get();
        panels.put("docker", new Views.Panel(docker != null && docker.available(), docker == null ? "not read yet" : docker.error()));
        panels.put("consul", parts.consul().get()
                .orElse(new ConsulState(false, "not configured", false, null, null)));
        panels.put("power", new Views.Panel(parts.power().isPresent(), parts.power().isPresent() ? null : "not configured"));
        dev.drover.agent.cluster.NomadSnapshot nomadNow = nomad.view();
        panels.put("nomad", new Views.Panel(nomadNow.available(), nomadNow.error()));
        return new Views.Status(node.get(), healthy, Views.counts(runs),
                new Views.AgentInfo(parts.version(), Views.millis(parts.startedAt()), parts.hostName()), panels);
    }

    private void history(Context ctx) {
        String file = ctx.queryParam("file");
        int limit = LimitParameter.of(ctx);
        if (file != null && parts.files().named(file).isEmpty()) {
            throw new Refusal(404, "no check file '" + file + "' in this agent's config");
        }
        ctx.json(parts.history().recent(file, limit));
    }

    private void runNow(Context ctx) {
        String file = ctx.queryParam("file");
        List<FileRun> runs;
        if (file != null) {
            ScheduledFile one = parts.files().named(file)
                    .orElseThrow(() -> new Refusal(404, "no check file '" + file + "' in this agent's config"));
            runs = List.of(parts.files().run(one));
        } else {
            runs = parts.files().runAll();
        }
        ctx.json(runs.stream().map(Views::file).toList());
    }

    public void start() {
        app.start();
        timer.scheduleAtFixedRate(this::tick, STATUS_EVENT_SECONDS, STATUS_EVENT_SECONDS, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::flushWorkflows, 250, 250, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            events.tick();
        } catch (RuntimeException e) {
            LOG.warn("status event not sent: {}", e.toString());
        }
    }

    private void flushWorkflows() {
        try {
            events.flushWorkflows(id -> parts.workflows().engine().run(id).map(run -> (Object) workflows.run(run)));
        } catch (RuntimeException e) {
            LOG.warn("workflow event not sent: {}", e.toString());
        }
    }

    /** The port actually bound (differs from the config's when that is 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        events.closeAll();
        app.stop();
    }
}
