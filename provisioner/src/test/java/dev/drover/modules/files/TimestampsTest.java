package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void strptimeWithAnsiblesDefaultFormat() {
        assertThat(Timestamps.strptime("202001021530.45", "%Y%m%d%H%M.%S"))
                .isEqualTo(LocalDateTime.of(2020, 1, 2, 15, 30, 45));
    }

    @Test
    void strptimeWithOtherDirectives() {
        assertThat(Timestamps.strptime("2 Feb 21 03:04:05 PM", "%d %b %y %I:%M:%S %p"))
                .isEqualTo(LocalDateTime.of(2021, 2, 2, 15, 4, 5));
    }

    @Test
    void strptimeRejectsWithPythonsMessage() {
        assertThatThrownBy(() -> Timestamps.strptime("yesterday", "%Y%m%d%H%M.%S"))
                .hasMessage("time data 'yesterday' does not match format '%Y%m%d%H%M.%S'");
        assertThatThrownBy(() -> Timestamps.strptime("2020010215301", "%Y%m%d%H%M"))
                .hasMessage("unconverted data remains: 1");
    }

    @Test
    void backupNamesFollowAnsible() {
        assertThat(Backup.name("/etc/hosts", 4242, LocalDateTime.of(2024, 3, 5, 7, 8, 9)))
                .isEqualTo("/etc/hosts.4242.2024-03-05@07:08:09~");
    }
}
