package dev.drover.agent.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The containers of the Docker daemon on this node, for the status page. Never throws: a missing
 * socket, a stopped daemon or a slow one gives {@link ContainersSnapshot#unavailable} with a short
 * reason, within about two seconds, so a broken Docker greys one panel and slows nothing else.
 */
public final class DockerView implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(2);

    private static final Pattern HEALTH_IN_STATUS = Pattern.compile("\\((healthy|unhealthy|health: starting)\\)");

    private final String dockerHost;
    private final DockerClient client;
    private final String setupError;

    public DockerView(String dockerHost) {
        this.dockerHost = dockerHost;
        DockerClient created = null;
        String error = null;
        try {
            DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost(dockerHost).withDockerTlsVerify(false).build();
            ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .responseTimeout(RESPONSE_TIMEOUT)
                    .maxConnections(4)
                    .build();
            created = DockerClientImpl.getInstance(config, http);
        } catch (RuntimeException | LinkageError e) {
            error = "cannot use Docker host " + dockerHost + ": " + reason(e);
        }
        this.client = created;
        this.setupError = error;
    }

    /** A view for a node whose agent is told not to look at Docker: every snapshot says "not configured". */
    public static DockerView notConfigured() {
        return new DockerView();
    }

    private DockerView() {
        this.dockerHost = null;
        this.client = null;
        this.setupError = ContainersSnapshot.NOT_CONFIGURED;
    }

    public ContainersSnapshot snapshot() {
        if (client == null) {
            return ContainersSnapshot.unavailable(setupError);
        }
        String missing = missingSocket();
        if (missing != null) {
            return ContainersSnapshot.unavailable(missing);
        }
        try {
            List<Container> containers = client.listContainersCmd().withShowAll(true).exec();
            List<ContainerInfo> infos = new ArrayList<>();
            for (Container c : containers) {
                infos.add(toInfo(c));
            }
            infos.sort(Comparator.comparing(ContainerInfo::name));
            return new ContainersSnapshot(true, null, infos);
        } catch (RuntimeException | LinkageError e) {
            return ContainersSnapshot.unavailable("Docker at " + dockerHost + " is not answering: " + reason(e));
        }
    }

    /** A unix socket that is not there fails fast with a clear reason instead of a connection error. */
    private String missingSocket() {
        if (!dockerHost.startsWith("unix://")) {
            return null;
        }
        Path socket = Path.of(URI.create(dockerHost).getPath());
        return Files.exists(socket) ? null : "no Docker socket at " + socket;
    }

    private static ContainerInfo toInfo(Container c) {
        String name = c.getNames() == null || c.getNames().length == 0 ? c.getId().substring(0, 12)
                : c.getNames()[0].replaceFirst("^/", "");
        List<String> ports = c.getPorts() == null ? List.of()
                : Arrays.stream(c.getPorts()).map(DockerView::portText).distinct().toList();
        String state = c.getState() == null ? "" : c.getState();
        return new ContainerInfo(c.getId(), name, c.getImage(), state, c.getStatus(), healthOf(c.getStatus()),
                c.getCreated() == null ? null : Instant.ofEpochSecond(c.getCreated()), ports);
    }

    /**
     * The list API carries health only inside the status text ("Up 5 s (health: starting)"), so it
     * is read from there: one call for all containers instead of one inspect per container.
     */
    static String healthOf(String status) {
        if (status == null) {
            return "none";
        }
        Matcher m = HEALTH_IN_STATUS.matcher(status);
        if (!m.find()) {
            return "none";
        }
        return m.group(1).equals("health: starting") ? "starting" : m.group(1);
    }

    static String portText(ContainerPort port) {
        String type = port.getType() == null ? "tcp" : port.getType().toLowerCase(Locale.ROOT);
        String inside = port.getPrivatePort() + "/" + type;
        if (port.getPublicPort() == null) {
            return inside;
        }
        String ip = port.getIp() == null ? "" : port.getIp();
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        return host + ":" + port.getPublicPort() + "->" + inside;
    }

    /** The innermost cause's message, one line, short enough for a panel. */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        text = text.replaceAll("\\s+", " ").trim();
        return text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }

    @Override
    public void close() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException | RuntimeException e) {
                // closing a client whose daemon is gone: nothing left to release
            }
        }
    }
}
