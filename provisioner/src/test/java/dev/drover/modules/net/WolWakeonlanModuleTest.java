package dev.drover.modules.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.modules.HostSession;
import dev.drover.modules.LocalFiles;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.LocalConnection;
import dev.drover.transport.Target;
import dev.drover.wol.LocalSubnets;
import dev.drover.wol.MagicPacket;
import dev.drover.wol.MacAddress;
import dev.drover.wol.Subnet;
import dev.drover.wol.WakeSender;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The module's decisions, with a sender that records: nothing here touches the network. */
class WolWakeonlanModuleTest {

    private final List<InetSocketAddress> sentTo = new ArrayList<>();
    private final List<byte[]> payloads = new ArrayList<>();
    private final Wakeonlan module = new Wakeonlan(new WakeSender((source, destination, payload) -> {
        sentTo.add(destination);
        payloads.add(payload);
    }, () -> new LocalSubnets(List.of(Subnet.parse("10.77.0.2/24")))));

    @Test
    void sendsOnePacketToTheBroadcastAndPortAndReportsChanged() throws IOException {
        ModuleResult result = run(Map.of("mac", "02:77:00:00:00:06", "broadcast", "10.77.0.255", "port", 9), false, true);
        assertThat(result.isChanged()).isTrue();
        assertThat(result.isFailed()).isFalse();
        assertThat(sentTo).containsExactly(new InetSocketAddress(Subnet.literal("10.77.0.255"), 9));
        assertThat(payloads.get(0)).isEqualTo(MagicPacket.of(MacAddress.parse("02:77:00:00:00:06"), Optional.empty()));
    }

    @Test
    void defaultsAreTheLimitedBroadcastAndPort7() throws IOException {
        run(Map.of("mac", "02-77-00-00-00-06"), false, true);
        assertThat(sentTo).containsExactly(new InetSocketAddress(Subnet.literal("255.255.255.255"), 7));
    }

    @Test
    void checkModeSendsNothingAndReportsChanged() throws IOException {
        ModuleResult result = run(Map.of("mac", "020000000006"), true, true);
        assertThat(result.isChanged()).isTrue();
        assertThat(sentTo).isEmpty();
    }

    @Test
    void badMacsFailWithAnsiblesMessages() throws IOException {
        assertThat(run(Map.of("mac", "02:77:00:00:00"), false, true).msg()).isEqualTo("Incorrect MAC address length: 02:77:00:00:00");
        assertThat(run(Map.of("mac", "02:77:00:00:00:zz"), false, true).msg()).isEqualTo("Incorrect MAC address format: 02:77:00:00:00:zz");
        // Ansible reads 17 characters with the third as the separator: Cisco's dotted form has 14.
        assertThat(run(Map.of("mac", "0277.0000.0006"), false, true).msg()).isEqualTo("Incorrect MAC address length: 0277.0000.0006");
        assertThat(sentTo).isEmpty();
    }

    @Test
    void refusesToSendFromAHostAndSaysToDelegate() throws IOException {
        ModuleResult result = run(Map.of("mac", "02:77:00:00:00:06"), false, false);
        assertThat(result.isFailed()).isTrue();
        assertThat(result.msg()).contains("add 'delegate_to: localhost' to the task");
        assertThat(sentTo).isEmpty();
    }

    private ModuleResult run(Map<String, Object> args, boolean check, boolean local) throws IOException {
        Target target = new Target(new LocalConnection("localhost"));
        LocalFiles files = (kind, name) -> Optional.empty();
        HostSession session = new HostSession() {
            @Override
            public Target reconnect() throws IOException {
                throw new IOException("not here");
            }

            @Override
            public boolean local() {
                return local;
            }
        };
        ModuleContext context = new ModuleContext(target, check, false, files, null, session);
        return module.run(ModuleArgs.validate("wakeonlan", module.spec(), new LinkedHashMap<>(args)), context);
    }
}
