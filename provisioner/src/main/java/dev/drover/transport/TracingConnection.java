package dev.drover.transport;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Prints every command a connection runs, with how long it took and what it returned:
 * for seeing exactly what drover does on a host, and where the time goes.
 * Turned on with DROVER_TRACE=1.
 */
public final class TracingConnection implements Connection {

    /**
     * Whether the task running on this thread has no_log: then its commands (which may carry
     * its secrets) are left out of the trace. Set by the task runner for each task it starts.
     */
    private static final ThreadLocal<Boolean> NO_LOG = ThreadLocal.withInitial(() -> false);

    private final Connection inner;
    private final PrintStream out;

    public TracingConnection(Connection inner, PrintStream out) {
        this.inner = inner;
        this.out = out;
    }

    /** Marks the task this thread runs from now on as no_log (or not). */
    public static void noLogForThisThread(boolean noLog) {
        NO_LOG.set(noLog);
    }

    @Override
    public String hostName() {
        return inner.hostName();
    }

    private static String shortened(String command) {
        return command.length() > 300 ? command.substring(0, 300) + "…" : command;
    }

    @Override
    public CommandResult run(String command, byte[] stdin) throws IOException {
        long start = System.nanoTime();
        CommandResult result = inner.run(command, stdin);
        double millis = (System.nanoTime() - start) / 1e6;
        String shown = NO_LOG.get() ? "(command hidden: no_log)"
                : shortened(Become.hidePassword(command));
        synchronized (out) {
            out.printf("[trace] %s %.1f ms rc=%d in=%dB out=%dB: %s%n", inner.hostName(), millis, result.exitCode(),
                    stdin.length, result.stdout().length, shown.replace('\n', ' '));
        }
        return result;
    }

    @Override
    public void close() {
        inner.close();
    }
}
