package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ansible's setup and drover's setup on the same lab host must report the same facts,
 * field by field: every fact Ansible returns (but the block devices, which drover does
 * not gather), with the tolerances {@link FactDifferences} names for what changes
 * between two readings. One assertion lists every difference at once. The time each tool
 * spends gathering is printed.
 */
@LabHosts(count = 1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FactsParityTest {

    /** Ansible's block device facts: drover does not gather them (docs/facts.md). */
    private static final Set<String> NOT_GATHERED = Set.of("ansible_devices", "ansible_device_links");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TRACE = Pattern.compile("\\[trace] \\S+ ([0-9.]+) ms rc=\\d+ .*@@@");

    private Lab lab;
    private String host;

    @BeforeAll
    void lab(HostPool.Lease hosts) {
        lab = Lab.require();
        host = hosts.hosts().get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void setupReportsTheFactsAnsibleReports(@TempDir Path dir) throws IOException {
        lab.ssh(host, "mkdir -p /etc/ansible/facts.d && printf '{\"role\": \"web\", \"ports\": [80, 443]}\\n' > /etc/ansible/facts.d/app.fact"
                + " && printf '[site]\\nName = parity\\n' > /etc/ansible/facts.d/site.fact");
        lab.ssh(host, "cat > /etc/ansible/facts.d/run.fact && chmod +x /etc/ansible/facts.d/run.fact",
                "#!/bin/sh\necho '{\"from\": \"script\"}'\n");

        Gathering ansible = ansibleSetup();
        Gathering drover = droverSetup(dir);

        List<String> differences = FactDifferences.between(ansible.facts(), drover.facts(), NOT_GATHERED);
        System.out.printf("gather facts on %s: ansible %d ms (setup task %d ms), drover %d ms (remote command %.1f ms)%n",
                host, ansible.wall().toMillis(), ansible.task().toMillis(), drover.wall().toMillis(), drover.remoteMillis());
        assertThat(differences)
                .as("facts that differ between ansible and drover on %s (tolerances: %s)", host,
                        String.join("; ", FactDifferences.TOLERANCES))
                .isEmpty();
        assertThat(drover.facts()).containsKeys("ansible_local", "ansible_default_ipv4", "ansible_mounts", "ansible_date_time");
        assertThat((Map<String, Object>) drover.facts().get("ansible_local")).containsKeys("app", "site", "run");
    }

    /** Ansible's own facts: the json callback's document of an ad-hoc setup. */
    private Gathering ansibleSetup() throws IOException {
        LocalCommand.Output output = LocalCommand.of(List.of("ansible", "-i", lab.inventory().toString(), host, "-m", "setup"))
                .environment(Map.of("ANSIBLE_LOAD_CALLBACK_PLUGINS", "1", "ANSIBLE_STDOUT_CALLBACK", "json",
                        "ANSIBLE_NOCOLOR", "true"))
                .timeout(Duration.ofMinutes(3))
                .run();
        assertThat(output.exitCode()).as(output.describe()).isZero();
        Map<String, Object> task = onlyTask(JSON.readValue(output.stdout(), Map.class));
        Map<String, Object> duration = map(map(task.get("task")).get("duration"));
        Duration took = Duration.between(Instant.parse(String.valueOf(duration.get("start"))),
                Instant.parse(String.valueOf(duration.get("end"))));
        return new Gathering(facts(task), output.took(), took, 0);
    }

    /** Drover's: a playbook with one setup task, through bin/drover and its json report; DROVER_TRACE times the command. */
    private Gathering droverSetup(Path dir) throws IOException {
        Path playbook = dir.resolve("setup.yml");
        Files.writeString(playbook, "- hosts: " + host + "\n  gather_facts: false\n  tasks:\n    - setup:\n");
        LocalCommand.Output output = LocalCommand.of(List.of(lab.root().resolve("bin/drover").toString(), "play",
                        "-i", lab.inventory().toString(), playbook.toString()))
                .environment(Map.of("DROVER_STDOUT_CALLBACK", "json", "NO_COLOR", "1", "DROVER_TRACE", "1"))
                .timeout(Duration.ofMinutes(3))
                .run();
        assertThat(output.exitCode()).as(output.describe()).isZero();
        Map<String, Object> task = onlyTask(JSON.readValue(output.stdout(), Map.class));
        Matcher trace = TRACE.matcher(output.stderr());
        double remote = trace.find() ? Double.parseDouble(trace.group(1)) : -1;
        return new Gathering(facts(task), output.took(), Duration.ZERO, remote);
    }

    private Map<String, Object> onlyTask(Map<String, Object> document) {
        List<?> plays = (List<?>) document.get("plays");
        List<?> tasks = (List<?>) map(plays.get(0)).get("tasks");
        return map(tasks.get(tasks.size() - 1));
    }

    private Map<String, Object> facts(Map<String, Object> task) {
        Map<String, Object> result = map(map(task.get("hosts")).get(host));
        assertThat(result).as("setup result on " + host).containsKey("ansible_facts");
        return map(result.get("ansible_facts"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (!(value instanceof Map)) {
            throw new UncheckedIOException(new IOException("expected a mapping in the json report, got " + value));
        }
        return (Map<String, Object>) value;
    }

    private record Gathering(Map<String, Object> facts, Duration wall, Duration task, double remoteMillis) {
    }
}
