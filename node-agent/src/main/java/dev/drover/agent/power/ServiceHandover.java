package dev.drover.agent.power;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A client connection the agent accepted while the job was stopped, spliced to the job's
 * backend once it is healthy: bytes are copied both ways until either side closes.
 */
final class ServiceHandover {

    private ServiceHandover() {
    }

    static void splice(Socket client, InetSocketAddress backend) throws IOException {
        Socket server = new Socket();
        try {
            server.connect(backend, 5000);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        Thread up = pump(client, server, "to " + backend);
        Thread down = pump(server, client, "from " + backend);
        Thread closer = new Thread(() -> {
            try {
                up.join();
                down.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(client);
            closeQuietly(server);
        }, "service-splice-close");
        closer.setDaemon(true);
        closer.start();
    }

    /** Copies until end of stream, then half-closes the other side so it sees the end too. */
    private static Thread pump(Socket from, Socket to, String name) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                // a reset on either side ends the splice
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "service-splice " + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already gone
        }
    }
}
