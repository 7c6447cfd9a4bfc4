package dev.drover.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stand-in GGUF files for the models role's tests (tests/src/test/resources/cluster/standins/,
 * built at run time): a GGUF header with no tensors and no metadata, then a line that says
 * what the file is, repeated up to the size asked. Every byte is ASCII or zero, so a test can
 * hand a prefix of it to a lab host through ssh's stdin as text.
 */
final class StandinModels {

    static final Path DIR = Path.of("src/test/resources/cluster/standins");

    private StandinModels() {
    }

    /** Writes standin-NAME.gguf of about {@code size} bytes into DIR and returns it. */
    static Path build(String name, int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {3, 0, 0, 0});           // version 3, little-endian
        out.writeBytes(new byte[16]);                       // tensor count 0, metadata count 0 (u64 each)
        byte[] line = ("drover test stand-in " + name + ": not a model, llama.cpp cannot run this\n")
                .getBytes(StandardCharsets.US_ASCII);
        while (out.size() < size) {
            out.writeBytes(line);
        }
        Files.createDirectories(DIR);
        return Files.write(DIR.resolve("standin-" + name + ".gguf"), out.toByteArray());
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
