package dev.drover.agent.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which lines of /proc/net/tcp(6) are connections to the watched port, and who their peer is. */
class ServicePortPeersTest {

    private static final String HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
    // 127.0.0.1:8080 (1F90) from 127.0.0.1:53924 (D2A4), established
    private static final String EST = "   0: 0100007F:1F90 0100007F:D2A4 01 00000000:00000000 00:00000000 00000000  1000 0 1";
    // a second client of port 8080 from 10.0.0.5:40000 (9C40), half-open (SYN_RECV)
    private static final String SYN = "   1: 0100007F:1F90 0500000A:9C40 03 00000000:00000000 00:00000000 00000000  1000 0 2";
    // the listening socket of 8080: no peer
    private static final String LISTEN = "   2: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000 0 3";
    // a connection that ended: TIME_WAIT
    private static final String TIME_WAIT = "   3: 0100007F:1F90 0100007F:D2A5 06 00000000:00000000 00:00000000 00000000  0 0 0";
    // the client's own end of a connection to 8080: local port 53924, remote 8080
    private static final String CLIENT_SIDE = "   4: 0100007F:D2A4 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000 0 4";
    // another port (22)
    private static final String OTHER = "   5: 0100007F:0016 0100007F:D2A6 01 00000000:00000000 00:00000000 00000000  0 0 5";
    // tcp6: [::1]:8080 from [::1]:41000 (A028)
    private static final String V6 = "   0: 00000000000000000000000001000000:1F90 00000000000000000000000001000000:A028 01 "
            + "00000000:00000000 00:00000000 00000000  1000 0 6";

    static List<Arguments> tables() {
        return List.of(
                Arguments.of("header only", List.of(HEADER), Set.of()),
                Arguments.of("established", List.of(HEADER, EST), Set.of("0100007F:D2A4")),
                Arguments.of("established and half-open", List.of(HEADER, EST, SYN), Set.of("0100007F:D2A4", "0500000A:9C40")),
                Arguments.of("listening socket is no connection", List.of(LISTEN), Set.of()),
                Arguments.of("TIME_WAIT is over", List.of(TIME_WAIT), Set.of()),
                Arguments.of("the client's end has another local port", List.of(CLIENT_SIDE), Set.of()),
                Arguments.of("another port", List.of(OTHER), Set.of()),
                Arguments.of("IPv6", List.of(V6), Set.of("00000000000000000000000001000000:A028")),
                Arguments.of("junk lines", List.of("", "garbage", "0: x:y z:w 01"), Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void peersOfPort8080(String name, List<String> lines, Set<String> expected) {
        assertThat(PortPeers.parse(lines, 8080)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void noneOfThemIsOnPort9090(String name, List<String> lines, Set<String> ignored) {
        assertThat(PortPeers.parse(lines, 9090)).isEmpty();
    }
}
