package dev.drover.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.transport.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionsTest {

    private final Connections connections = new Connections(
            new RunOptions(false, false, null, Set.of(), Set.of(), Map.of(), 0, 0, true, List.of(), Map.of(), Map.of()));

    @Test
    void oneConnectionPerHostAndLoginWhateverElseTheVariablesHold() throws Exception {
        Connection tasks = connections.get("web1", Map.of("ansible_connection", "local", "ansible_port", 22));
        // Fact gathering hands over every ansible_ variable, and the port as text: still the same login.
        Connection facts = connections.get("web1", Map.of("ansible_connection", "local", "ansible_port", "22",
                "ansible_python_interpreter", "/usr/bin/python3"));
        assertThat(facts).isSameAs(tasks);

        // A play that logs in as another user gets a connection of its own; the first one stays.
        Connection deploy = connections.get("web1", Map.of("ansible_connection", "local", "ansible_port", 22, "ansible_user", "deploy"));
        assertThat(deploy).isNotSameAs(tasks);
        assertThat(connections.get("web1", Map.of("ansible_connection", "local", "ansible_port", 22))).isSameAs(tasks);
        assertThat(connections.get("web2", Map.of("ansible_connection", "local", "ansible_port", 22))).isNotSameAs(tasks);

        // reset_connection closes every login of the host: the next task logs in again.
        connections.reset("web1");
        assertThat(connections.get("web1", Map.of("ansible_connection", "local", "ansible_port", 22))).isNotSameAs(tasks);
        connections.close();
    }
}
