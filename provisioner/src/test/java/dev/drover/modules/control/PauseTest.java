package dev.drover.modules.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** pause's stdout, as Ansible rounds and prints the time it paused. */
class PauseTest {

    @Test
    void secondsAndMinutesRoundedToTwoPlaces() {
        assertThat(Pause.stdout(1.0004, false)).isEqualTo("Paused for 1.0 seconds");
        assertThat(Pause.stdout(2.016, false)).isEqualTo("Paused for 2.02 seconds");
        assertThat(Pause.stdout(0.0, true)).isEqualTo("Paused for 0.0 minutes");
        assertThat(Pause.stdout(90, true)).isEqualTo("Paused for 1.5 minutes");
    }
}
