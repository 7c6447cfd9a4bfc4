package dev.drover.agent;

import dev.drover.UserError;
import dev.drover.agent.config.AgentConfig;
import dev.drover.agent.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code drover-agent}, the daemon for every node: scheduled health checks, the status page,
 * the REST API and metrics (docs/agent.md). Exit codes: 2 for a config or check file that is
 * wrong (nothing was started), 1 when the agent cannot serve (e.g. the port is taken).
 */
@Command(name = "drover-agent", mixinStandardHelpOptions = true, versionProvider = DroverAgent.Version.class,
        description = "Runs health checks on a schedule and serves this node's status page, REST API and metrics.",
        subcommands = {HashTokenCommand.class, ValidateCommand.class, RunStepCommand.class})
public final class DroverAgent implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DroverAgent.class);

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config (default: every setting at its default)")
    Path config;

    @Option(names = "--bind", paramLabel = "ADDR", description = "address to listen on (default: the config's, else 0.0.0.0)")
    String bind;

    @Option(names = "--port", paramLabel = "N", description = "port to listen on (default: the config's, else 8700)")
    Integer port;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new DroverAgent());
        int code = cli.execute(args);
        // The daemon returns only from inside its shutdown hook, where System.exit would block;
        // everything else (a subcommand, help, version, a refusal) ends the JVM with its code.
        CommandLine.ParseResult parsed = cli.getParseResult();
        boolean daemonRan = parsed != null && parsed.subcommand() == null && !parsed.isUsageHelpRequested()
                && !parsed.isVersionHelpRequested();
        if (code != 0 || !daemonRan) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        long begin = System.nanoTime();
        AgentConfig settings;
        Agent agent;
        try {
            settings = config == null ? ConfigLoader.defaults() : ConfigLoader.load(config);
            settings = settings.withListen(bind == null ? settings.bind() : bind, port == null ? settings.port() : port);
            agent = Agent.start(settings);
        } catch (UserError e) {
            PrintWriter err = new PrintWriter(System.err, true);
            err.println("drover-agent: " + e.describe());
            err.println("drover-agent: not started.");
            return 2;
        } catch (RuntimeException e) {
            System.err.println("drover-agent: cannot serve: " + rootMessage(e));
            return 1;
        }
        LOG.info("serving on {}://{}:{} ({} check files) after {} ms", settings.tls().isPresent() ? "https" : "http",
                settings.bind(), agent.port(), settings.checks().size(), (System.nanoTime() - begin) / 1_000_000);
        reloadOnHangup(agent);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM (systemd stop) and Ctrl-C both run this: deregister from Consul, close the history.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            agent.close();
            stopped.countDown();
        }, "agent-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * SIGHUP (systemctl reload drover-agent) reads the workflow files again, as the API's
     * reload does; a file that does not load is logged with its file:line and changes nothing.
     */
    private static void reloadOnHangup(Agent agent) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                try {
                    LOG.info("SIGHUP: {}", agent.reloadWorkflows());
                } catch (UserError e) {
                    LOG.error("SIGHUP: workflows not reloaded, they stay as they were: {}", e.describe());
                } catch (RuntimeException e) {
                    LOG.error("SIGHUP: workflows not reloaded: {}", e.getMessage());
                }
            });
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGHUP cannot be handled here ({}); reload workflows with POST /api/v1/workflows/reload", e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + cause.getMessage() + ")";
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            return new String[] {"drover-agent " + Agent.version()};
        }
    }
}
