package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stand-ins for the release archives of Consul, Nomad and llama.cpp, which cannot be downloaded
 * on the lab's machine: built at test time by resources/cluster/standins/make-standins.sh into
 * a directory that serves as {@code artifact_source}. Their programs say "STAND-IN" when asked
 * their version, so nobody mistakes them for the real ones.
 */
final class ReleaseStandins {

    private ReleaseStandins() {
    }

    /** Builds the archives into {@code out}: file name to sha256, for {@code release_sha256}. */
    static Map<String, String> build(Path out, String consulVersion, String nomadVersion, String llamaTag) {
        Path script = Lab.projectRoot().resolve("tests/src/test/resources/cluster/standins/make-standins.sh");
        LocalCommand.Output built = LocalCommand.of(List.of(script.toString(), out.toString(), consulVersion, nomadVersion, llamaTag))
                .timeout(Duration.ofMinutes(1)).run();
        assertThat(built.exitCode()).as(built.describe()).isZero();
        Map<String, String> sums = new LinkedHashMap<>();
        built.stdout().lines().map(line -> line.split(" ")).forEach(parts -> sums.put(parts[0], parts[1]));
        return sums;
    }
}
