package dev.drover.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a playbook against one lab host with ansible-playbook (the oracle) or drover, both
 * printing the json callback's report, which is parsed the same way for both.
 */
final class PlaybookRunner {

    /** One finished run on some lab hosts: the tool's output and its parsed report. */
    record Run(String tool, List<String> hosts, LocalCommand.Output output, PlayReport report) {

        int exitCode() {
            return output.exitCode();
        }

        String label() {
            return tool + "@" + String.join(",", hosts);
        }
    }

    private final String tool;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path inventory;

    private PlaybookRunner(String tool, List<String> command, Map<String, String> environment, Path inventory) {
        this.tool = tool;
        this.command = command;
        this.environment = environment;
        this.inventory = inventory;
    }

    /** Debian's ansible-playbook, with pipelining, and facts only where a play asks for them. */
    static PlaybookRunner ansible(Lab lab) {
        return new PlaybookRunner("ansible", List.of("ansible-playbook"), Map.of(
                "ANSIBLE_STDOUT_CALLBACK", "json",
                "ANSIBLE_PIPELINING", "true",
                "ANSIBLE_GATHERING", "explicit",
                "ANSIBLE_RETRY_FILES_ENABLED", "false",
                "ANSIBLE_NOCOLOR", "true"), lab.inventory());
    }

    /** bin/drover of this checkout; it needs the jar built (bin/build or mvn package). */
    static PlaybookRunner drover(Lab lab) {
        Path launcher = lab.root().resolve("bin/drover");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing or not executable");
        }
        return new PlaybookRunner("drover", List.of(launcher.toString(), "play"), Map.of(
                "DROVER_STDOUT_CALLBACK", "json",
                "NO_COLOR", "1"), lab.inventory());
    }

    /** The tool that a differential test compares with ansible: drover, or ansible itself to test the harness. */
    static PlaybookRunner candidate(Lab lab) {
        String name = System.getProperty("drover.candidate", "drover");
        return switch (name) {
            case "drover" -> drover(lab);
            case "ansible" -> ansible(lab);
            default -> throw new IllegalArgumentException("drover.candidate must be drover or ansible, not " + name);
        };
    }

    String tool() {
        return tool;
    }

    Run run(Path playbook, List<String> hosts, boolean check, List<String> options) {
        List<String> argv = new ArrayList<>(command);
        argv.addAll(List.of("-i", inventory.toString(), playbook.toString(), "--limit", String.join(",", hosts)));
        if (check) {
            argv.add("--check");
        }
        argv.addAll(options);
        LocalCommand.Output output = LocalCommand.of(argv)
                .environment(environment)
                .directory(playbook.getParent())
                .timeout(Duration.ofMinutes(10))
                .run();
        PlayReport report;
        try {
            report = PlayReport.parse(output.stdout());
        } catch (IllegalArgumentException e) {
            throw new AssertionError(tool + " printed no json report (" + e.getMessage() + ")\n" + output.describe(), e);
        }
        return new Run(tool, hosts, output, report);
    }
}
