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
 * </pre>
 * A probe looks at state that is not a file (packages, services, users); it runs after the
 * first run on each pair of hosts, and its stdout, exit code included, must be equal.
 *
 * <p>No header is needed for the test web server: every run gets {@code -e http_base=URL}
 * (see {@link TestHttpServer}), so a playbook simply uses {@code "{{ http_base }}/files/x"}.
 */
record PlaybookHeader(List<String> comparePaths, Set<String> alwaysChanged, List<String> options, int hosts,
        List<String> probes) {

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
            }
        }
        return new PlaybookHeader(List.copyOf(compare), Set.copyOf(alwaysChanged), List.copyOf(options), hosts,
                List.copyOf(probes));
    }

    private static List<String> words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split("\\s+"));
    }
}
