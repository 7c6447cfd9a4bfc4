package dev.drover.modules.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.CommandResult;
import dev.drover.transport.Connection;
import dev.drover.transport.Target;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A unit that does not exist yet: a check run assumes an earlier task installs it (changed,
 * Ansible's "assuming it will exist on full run"), a real run fails as Ansible's does.
 */
class SystemdMissingUnitTest {

    private static final String NOT_FOUND = "Id=consul.service\nLoadState=not-found\nActiveState=inactive\n"
            + "@@drover@@show 0\n@@drover@@enabled 1 \n";

    private final List<String> commands = new ArrayList<>();

    @Test
    void aCheckRunAssumesTheUnitWillExist() {
        ModuleResult result = run(Map.of("name", "consul", "state", "restarted", "daemon_reload", true), true);

        assertThat(result.isFailed()).isFalse();
        assertThat(result.isChanged()).isTrue();
        assertThat(result.msg()).isEqualTo("Service consul not found on host, assuming it will exist on full run");
        assertThat(commands).noneMatch(command -> command.contains("restart") || command.contains("daemon-reload"));

        assertThat(run(Map.of("name", "consul", "enabled", true), true).isChanged()).isTrue();
    }

    @Test
    void aRealRunFailsOnAMissingUnit() {
        ModuleResult result = run(Map.of("name", "consul", "state", "started"), false);

        assertThat(result.isFailed()).isTrue();
        assertThat(result.msg()).isEqualTo("Could not find the requested service consul: host");
    }

    private ModuleResult run(Map<String, Object> args, boolean check) {
        Target target = new Target(new Connection() {
            @Override
            public String hostName() {
                return "host";
            }

            @Override
            public CommandResult run(String command, byte[] stdin) {
                commands.add(command);
                return new CommandResult(0, NOT_FOUND.getBytes(StandardCharsets.UTF_8), new byte[0]);
            }

            @Override
            public void close() {
            }
        });
        Systemd systemd = new Systemd();
        try {
            return systemd.run(ModuleArgs.validate("systemd", systemd.spec(), new LinkedHashMap<>(args)),
                    new ModuleContext(target, check, false, null, null));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
