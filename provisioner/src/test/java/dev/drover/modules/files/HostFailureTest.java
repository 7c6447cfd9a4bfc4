package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.CommandResult;
import dev.drover.transport.Connection;
import dev.drover.transport.Target;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A host that cannot run our commands (sudo refusing, a dying shell) gives failed results, never exceptions. */
class HostFailureTest {

    private final Target broken = new Target(new Connection() {
        @Override
        public String hostName() {
            return "broken";
        }

        @Override
        public CommandResult run(String command, byte[] stdin) {
            return new CommandResult(1, new byte[0], "sudo: a password is required".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
        }
    });

    @Test
    void everyModuleReportsTheHostsComplaint() throws Exception {
        assertFails(new Stat(), Map.of("path", "/etc/hosts"));
        assertFails(new Lineinfile(), Map.of("path", "/etc/hosts", "line", "x"));
        assertFails(new Blockinfile(), Map.of("path", "/etc/hosts", "block", "x"));
        assertFails(new File(), Map.of("path", "/etc/hosts", "state", "file"));
        assertFails(new Copy(), Map.of("content", "x", "dest", "/etc/hosts"));
    }

    private void assertFails(Module module, Map<String, Object> args) throws Exception {
        ModuleArgs validated = ModuleArgs.validate(module.name(), module.spec(), new LinkedHashMap<>(args));
        ModuleResult result = module.run(validated, new ModuleContext(broken, false, false,
                (kind, name) -> Optional.empty(), null));
        assertThat(result.isFailed()).as(module.name()).isTrue();
        assertThat(result.msg()).as(module.name()).isEqualTo(
                "could not read file facts from the host (rc 1): sudo: a password is required");
    }
}
