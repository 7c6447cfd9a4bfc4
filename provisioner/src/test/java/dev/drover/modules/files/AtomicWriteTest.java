package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.transport.LocalConnection;
import dev.drover.transport.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes on this machine: the rename that ends the script, and its failure. */
class AtomicWriteTest {

    @TempDir
    Path dir;
    final Target target = new Target(new LocalConnection("localhost"));

    @Test
    void writesWithTheModeAndLeavesNoTempFile() throws Exception {
        Path dest = dir.resolve("f");
        new AtomicWrite(dest.toString(), "a\nb\n".getBytes(StandardCharsets.UTF_8)).newFileMode(0640).run(target, null);
        assertThat(Files.readString(dest)).isEqualTo("a\nb\n");
        assertThat(LocalHost.mode(dest)).isEqualTo(0640);
        assertThat(dir.toFile().list()).containsExactly("f");
    }

    @Test
    void aFailedRenameIsReportedAndItsTempFileRemoved() throws Exception {
        Path dest = Files.createDirectories(dir.resolve("d/inside"));
        assertThatThrownBy(() -> new AtomicWrite(dest.getParent().toString(), new byte[] {'x'}).run(target, null))
                .isInstanceOf(FileModuleError.class)
                .hasMessageStartingWith("Could not replace " + dest.getParent() + ": mv: ");
        assertThat(dir.toFile().list()).containsExactly("d");
    }
}
