package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mode argument; symbolic expectations were computed with Ansible's own _symbolic_mode_to_octal. */
class FileModeTest {

    @Test
    void anIntegerIsTheModeItselfAsYamlOctalGivesIt() throws FileModuleError {
        assertThat(FileMode.parse(420).resolve(0, false, 022)).isEqualTo(0644);
    }

    @ParameterizedTest
    @CsvSource({"0644,420", "644,420", "0o755,493", "01777,1023", "0,0"})
    void octalStrings(String text, int expected) throws FileModuleError {
        assertThat(FileMode.parse(text).resolve(0777, false, 022)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "u+rwx,g-w,o=r; 644; false; 744",
            "+x; 644; false; 755",
            "a+X; 644; false; 644",
            "a+X; 644; true; 755",
            "u=rw-x+X; 744; false; 744",
            "g=u; 640; false; 660",
            "o-rwx; 777; false; 770",
            "=r; 777; false; 444",
            "u+s,o+t; 755; false; 5755",
            "u=rwx,g=rx,o=; 0; false; 750"})
    void symbolicLikeAnsible(String expression, String current, boolean dir, String expected) throws FileModuleError {
        FileMode mode = FileMode.parse(expression);
        assertThat(mode.isSymbolic()).isTrue();
        assertThat(mode.resolve(Integer.parseInt(current, 8), dir, 022)).isEqualTo(Integer.parseInt(expected, 8));
    }

    @Test
    void symbolicWithoutWhoHonoursTheUmask() throws FileModuleError {
        assertThat(FileMode.parse("+w").resolve(0444, false, 022)).isEqualTo(0644);
    }

    @Test
    void garbageIsRejectedWithAnsiblesMessage() {
        assertThatThrownBy(() -> FileMode.parse("rwxr-xr-x"))
                .isInstanceOf(FileModuleError.class).hasMessage("mode must be in octal or symbolic form");
        assertThatThrownBy(() -> FileMode.parse("u+rwz"))
                .isInstanceOf(FileModuleError.class).hasMessage("mode must be in octal or symbolic form");
    }

    @Test
    void formatsAsAnsibleReportsModes() {
        assertThat(FileMode.format(0644)).isEqualTo("0644");
        assertThat(FileMode.format(04755)).isEqualTo("04755");
        assertThat(FileMode.format(0)).isEqualTo("0000");
    }
}
