package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.transport.CommandResult;
import dev.drover.transport.LocalConnection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Content written by the shell's printf comes out byte for byte, and large or quote-heavy content is left to stdin. */
class PrintfTextTest {

    private final LocalConnection sh = new LocalConnection("localhost");

    @Test
    void everyByteValueSurvivesTheShell() throws Exception {
        byte[] all = new byte[256 * 2 + 4];
        for (int i = 0; i < 512; i++) {
            all[i] = (byte) i;
        }
        // A NUL or escape followed by digits must not run into them.
        all[512] = 0;
        all[513] = '1';
        all[514] = '7';
        all[515] = '%';
        CommandResult out = sh.run(PrintfText.command(all), new byte[0]);
        assertThat(out.exitCode()).isZero();
        assertThat(out.stdout()).isEqualTo(all);
    }

    @Test
    void aLeadingDashIsNotAnOption() throws Exception {
        for (String text : new String[] {"-n x\n", "--", "-", "'quoted' -v %s \\n"}) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThat(sh.run(PrintfText.command(bytes), new byte[0]).stdout()).as(text).isEqualTo(bytes);
        }
    }

    @Test
    void contentTooLargeForACommandLineIsRefused() {
        assertThat(PrintfText.command("a".repeat(PrintfText.MAX_FORMAT - 2).getBytes(StandardCharsets.UTF_8)))
                .isNotNull();
        assertThat(PrintfText.command("a".repeat(PrintfText.MAX_FORMAT + 1).getBytes(StandardCharsets.UTF_8))).isNull();
        // A byte that is not printable ASCII costs four characters.
        assertThat(PrintfText.command(new byte[PrintfText.MAX_FORMAT / 3])).isNull();
        // Each single quote costs five characters once quoted.
        assertThat(PrintfText.command("'".repeat(PrintfText.MAX_FORMAT / 4).getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(PrintfText.command("'".repeat(PrintfText.MAX_FORMAT / 6).getBytes(StandardCharsets.UTF_8)))
                .isNotNull();
    }
}
