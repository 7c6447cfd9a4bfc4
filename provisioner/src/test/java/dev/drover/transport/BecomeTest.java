package dev.drover.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BecomeTest {

    private static CommandResult result(int code, String err) {
        return new CommandResult(code, "out".getBytes(StandardCharsets.UTF_8), err.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCommandRanWhenItsMarkerCameEvenAfterSudosWarnings() {
        Become sudo = Become.sudo("root");
        Become.Result plain = sudo.unwrap(result(3, Become.RAN + "\nits own error\n"));
        assertThat(plain.refused()).isNull();
        assertThat(plain.command().exitCode()).isEqualTo(3);
        assertThat(plain.command().err()).isEqualTo("its own error\n");

        Become.Result warned = sudo.unwrap(result(0, "sudo: unable to resolve host web1: Name or service not known\n" + Become.RAN + "\n"));
        assertThat(warned.refused()).as("a warning before the command is not a refusal").isNull();
        assertThat(warned.command().err()).isEqualTo("sudo: unable to resolve host web1: Name or service not known\n");
    }

    @Test
    void sudosRefusalsReadAsAnsiblesWithWhatToDo() {
        assertThat(Become.sudo("root").unwrap(result(1, "sudo: a password is required\n")).refused())
                .startsWith("Missing sudo password (sudo: a password is required): set ansible_become_password");
        assertThat(Become.sudo("root", Optional.of("wrong"))
                .unwrap(result(1, "Sorry, try again.\nSorry, try again.\nsudo: 3 incorrect password attempts\n")).refused())
                .isEqualTo("Incorrect sudo password (sudo: 3 incorrect password attempts): check ansible_become_password for this host");
        assertThat(Become.sudo("postgres").unwrap(result(1, "sudo: deploy is not in the sudoers file.\n")).refused())
                .isEqualTo("sudo refused to run the task as postgres (sudo: deploy is not in the sudoers file.)");
    }

    @Test
    void thePasswordIsNeverShown() {
        Become sudo = Become.sudo("root", Optional.of("it's a secret"));
        String wrapped = sudo.wrap("id -un");
        assertThat(wrapped).doesNotContain("sudo -n").contains("-A -p DROVER_BECOME_PASSWORD");
        assertThat(Become.hidePassword(wrapped)).doesNotContain("secret").contains("DROVER_BECOME_PASSWORD=******** SUDO_ASKPASS=");
        assertThat(sudo.toString()).doesNotContain("secret").isEqualTo("Become[sudo to root with a password]");
        assertThat(Become.sudo("root").wrap("id -un")).startsWith("sudo -H -n ");
    }

    @Test
    void becomeFlagsReplaceTheDefaultHAndLeaveHowSudoIsAskedToDrover() {
        assertThat(Become.sudo("nobody", Optional.empty(), "-E -S -n").wrap("id")).startsWith("sudo -E -n -u nobody ");
        assertThat(Become.sudo("nobody", Optional.empty(), "").wrap("id")).startsWith("sudo -n -u nobody ");
        assertThat(Become.sudo("nobody", Optional.of("pw"), "-E").wrap("id")).contains("sudo -E -k -A -p ");
        assertThat(Become.sudo("nobody", Optional.empty(), "-E;reboot").wrap("id")).startsWith("sudo '-E;reboot' -n ");
    }
}
