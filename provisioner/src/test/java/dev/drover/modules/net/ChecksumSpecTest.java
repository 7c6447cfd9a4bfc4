package dev.drover.modules.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** get_url's checksum argument and checksum files. */
class ChecksumSpecTest {

    @Test
    void algorithmAndValue() {
        ChecksumSpec spec = ChecksumSpec.parse("sha256:AB:CD ef");
        assertThat(spec.algorithm()).isEqualTo("sha256");
        assertThat(spec.value()).isEqualTo("AB:CD ef");
        assertThat(spec.normalizedHex()).isEqualTo("abcdef");
        assertThat(spec.isUrl()).isFalse();
        assertThat(ChecksumSpec.parse("sha1:http://host/SUMS").isUrl()).isTrue();
    }

    @Test
    void misuseInAnsiblesWords() {
        assertThatThrownBy(() -> ChecksumSpec.parse("0000")).hasMessage(
                "The checksum parameter has to be in format <algorithm>:<checksum>");
        assertThatThrownBy(() -> ChecksumSpec.parse("md5:xyz").normalizedHex()).hasMessage("The checksum format is invalid");
    }

    @Test
    void checksumFilesInSha256sumFormats() {
        List<String> lines = List.of("0000  other.txt", "1111 *hello.txt", "2222  ./sub.txt");
        assertThat(ChecksumSpec.fromChecksumFile(lines, "hello.txt")).isEqualTo("1111");
        assertThat(ChecksumSpec.fromChecksumFile(lines, "sub.txt")).isEqualTo("2222");
        assertThat(ChecksumSpec.fromChecksumFile(lines, "missing.txt")).isNull();
        assertThat(ChecksumSpec.fromChecksumFile(List.of("abcd"), "anything")).isEqualTo("abcd");
    }

    @Test
    void fileNamesOfUrls() {
        assertThat(ChecksumSpec.urlFilename("http://h/files/a.tar.gz?x=1")).isEqualTo("a.tar.gz");
        assertThat(ChecksumSpec.urlFilename("http://h/")).isEqualTo("index.html");
    }
}
