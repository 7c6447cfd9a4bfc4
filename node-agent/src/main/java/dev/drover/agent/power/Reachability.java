package dev.drover.agent.power;

import dev.drover.agent.config.PowerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Whether a node answers: a TCP connect to its agent (8700) or, failing that, SSH (22), with a short timeout. */
public interface Reachability {

    boolean answers(PowerConfig.Node node);

    static Reachability tcp(int timeoutMillis, int... ports) {
        return node -> {
            int[] order = node.agentPort().map(p -> new int[] {p, 22}).orElse(ports);
            for (int port : order) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(node.address(), port), timeoutMillis);
                    return true;
                } catch (IOException e) {
                    // refused or timed out: try the next port
                }
            }
            return false;
        };
    }
}
