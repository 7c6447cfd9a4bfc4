package dev.drover.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a differential playbook declares in its leading comment lines:
 * <pre>
 * # compare: /srv/difftest /etc/login.defs     paths whose files are compared after the run
 * # always-changed: task name                  a task that reports changed on every run
 * # options: --tags config --skip-tags slow    extra arguments for both tools
 * # hosts: 2                                   lab hosts each tool gets (default 1)
 * # probe: systemctl is-enabled cron           a command whose output must be the same on both
 * # exit: 2                                    the exit code ansible must give (default 0)
 * # order: per-host                            compare each host's own task sequence (strategy: free)
 * </pre>
 * Under the free strategy hosts do not wait for each other, so the json report lists each
 * host's tasks as they happen to interleave; "order: per-host" compares, for each pair of
 * hosts, the tasks that host ran, in its own order, with their statuses.
 * A probe looks at state that is not a file (packages, services, users); it runs after the
 * first run on each pair of hosts, and its stdout, exit code included, must be equal.
 *
 * <p>No header is needed for the test web server: every run gets {@code -e http_base=URL}
 * (see {@link TestHttpServer}), so a playbook simply uses {@code "{{ http_base }}/files/x"}.
 */
record PlaybookHeader(List<String> comparePaths, Set<String> alwaysChanged, List<String> options, int hosts,
        List<String> probes, int exitCode, boolean perHostOrder) {

    static PlaybookHeader read(Path playbook) {
        try {
            return parse(Files.readString(playbook));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PlaybookHeader parse(String text) {
        List<String> compare = new ArrayList<>();
        Set<String> alwaysChanged = new LinkedHashSet<>();
        List<String> options = new ArrayList<>();
        List<String> probes = new ArrayList<>();
        int hosts = 1;
        int exitCode = 0;
        boolean perHost = false;
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                break; // the header ends where the YAML starts
            }
            String comment = line.substring(1).strip();
            if (comment.startsWith("compare:")) {
                compare.addAll(words(comment.substring("compare:".length())));
            } else if (comment.startsWith("always-changed:")) {
                alwaysChanged.add(comment.substring("always-changed:".length()).strip());
            } else if (comment.startsWith("options:")) {
                options.addAll(words(comment.substring("options:".length())));
            } else if (comment.startsWith("hosts:")) {
                hosts = Integer.parseInt(comment.substring("hosts:".length()).strip());
            } else if (comment.startsWith("probe:")) {
                probes.add(comment.substring("probe:".length()).strip());
            } else if (comment.startsWith("exit:")) {
                exitCode = Integer.parseInt(comment.substring("exit:".length()).strip());
            } else if (comment.startsWith("order:")) {
                String order = comment.substring("order:".length()).strip();
                if (!order.equals("per-host") && !order.equals("global")) {
                    throw new IllegalArgumentException("'# order:' takes per-host or global, not " + order);
                }
                perHost = order.equals("per-host");
            }
        }
        return new PlaybookHeader(List.copyOf(compare), Set.copyOf(alwaysChanged), List.copyOf(options), hosts,
                List.copyOf(probes), exitCode, perHost);
    }

    private static List<String> words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split("\\s+"));
    }
}
