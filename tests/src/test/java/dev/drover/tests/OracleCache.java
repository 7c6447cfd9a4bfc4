package dev.drover.tests;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Ansible's answers for the differential playbooks, recorded so that an unchanged playbook is
 * not run through ansible-playbook three times on every test run (on this 2-core machine
 * that was two thirds of the whole suite's time).
 *
 * <p>An answer is a function of its inputs, and the key is a hash of all of them: the
 * playbook, the files it can read (everything under differential/ that is not another
 * playbook, and any playbook it names), the shared host_vars, the lab inventory, the
 * ansible-playbook version line (which names Python and Jinja too) and the lab's Debian base
 * (its dpkg status). Change any of them and ansible runs again. Answers are recorded only
 * from runs in which ansible itself passed (its own asserts, idempotence, --check).
 *
 * <p>So that the records never drift from what ansible really does, every test run also
 * re-runs the {@code drover.oracleRefresh} oldest records live (default 8 of ~70: each
 * record is re-proved within about nine runs), and -Ddrover.oracleCache=off runs ansible for
 * every playbook. The records live beside the lab's base under the lab's cache directory,
 * outside the checkout: a fresh machine starts with none.
 */
final class OracleCache {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bump when OracleRecord's shape or what the test records changes. */
    private static final String FORMAT = "oracle-record 1";

    private final Path directory;
    private final String environment;
    private final Path playbooks;

    OracleCache(Path directory, String environment, Path playbooks) {
        this.directory = directory;
        this.environment = environment;
        this.playbooks = playbooks;
    }

    /** The lab's cache, or none at all (every playbook runs live) when drover.oracleCache is "off". */
    static Optional<OracleCache> open(Lab lab, Path playbooks) {
        String setting = System.getProperty("drover.oracleCache", "");
        if (setting.equals("off")) {
            return Optional.empty();
        }
        Path directory = setting.isBlank() ? lab.baseDirectory().resolveSibling("oracle") : Path.of(setting);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the oracle cache " + directory, e);
        }
        return Optional.of(new OracleCache(directory, environmentStamp(lab), playbooks));
    }

    /** The record of this playbook made with exactly these inputs, if there is one. */
    Optional<OracleRecord> recorded(Path playbook) {
        Path file = fileOf(playbook);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), OracleRecord.class));
        } catch (IOException e) {
            // A record cut short (a killed run) is as good as none: ansible runs again.
            return Optional.empty();
        }
    }

    void store(Path playbook, OracleRecord record) {
        Path file = fileOf(playbook);
        try {
            Path partial = Files.createTempFile(directory, playbook.getFileName().toString(), ".partial");
            JSON.writeValue(partial.toFile(), record);
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record ansible's answer for " + playbook + " in " + directory, e);
        }
    }

    /** Of these playbooks, the {@code count} whose records are oldest: they run live this time. */
    Set<String> oldest(List<Path> candidates, int count) {
        record Aged(String name, String recorded) {
        }
        return candidates.stream()
                .flatMap(playbook -> recorded(playbook).map(r -> new Aged(playbook.getFileName().toString(), r.recorded())).stream())
                .sorted(Comparator.comparing(Aged::recorded))
                .limit(count)
                .map(Aged::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    private Path fileOf(Path playbook) {
        String name = playbook.getFileName().toString().replaceFirst("\\.yml$", "");
        return directory.resolve(name + "-" + key(playbook).substring(0, 24) + ".json");
    }

    /** The hash of everything ansible's answer for this playbook depends on. */
    String key(Path playbook) {
        MessageDigest digest = sha256();
        update(digest, FORMAT);
        update(digest, environment);
        try {
            String text = Files.readString(playbook);
            update(digest, playbook.getFileName() + "\n" + text);
            for (Path file : inputsOf(playbook, text)) {
                update(digest, playbooks.relativize(file) + "\n");
                digest.update(Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The files a playbook can read, sorted: everything under differential/ but the other
     * playbooks (top-level *.yml, unless this one names them) and host_vars/ (written by
     * the test from differential-host-vars.yml, which counts instead).
     */
    private List<Path> inputsOf(Path playbook, String text) throws IOException {
        Path hostVars = playbooks.resolve("host_vars");
        try (Stream<Path> files = Files.walk(playbooks)) {
            Stream<Path> support = files.filter(Files::isRegularFile)
                    .filter(file -> !file.startsWith(hostVars))
                    .filter(file -> !file.equals(playbook))
                    .filter(file -> !isPlaybook(file) || text.contains(file.getFileName().toString()));
            return Stream.concat(support, Stream.of(playbooks.resolveSibling("differential-host-vars.yml")))
                    .sorted()
                    .toList();
        }
    }

    private boolean isPlaybook(Path file) {
        return file.getParent().equals(playbooks) && file.getFileName().toString().endsWith(".yml");
    }

    /** What every playbook's answer depends on: ansible's version, the lab's base and inventory. */
    private static String environmentStamp(Lab lab) {
        LocalCommand.Output version = LocalCommand.of(List.of("ansible-playbook", "--version"))
                .timeout(Duration.ofMinutes(1)).run();
        if (version.exitCode() != 0) {
            throw new AssertionError("ansible-playbook --version failed\n" + version.describe());
        }
        Map<String, String> stamp = new LinkedHashMap<>();
        // The version text names the config file and module paths too; only versions matter.
        stamp.put("ansible", version.stdout().lines()
                .filter(line -> line.startsWith("ansible-playbook") || line.contains("version ="))
                .collect(Collectors.joining("\n")));
        try {
            stamp.put("base", hex(Files.readAllBytes(lab.baseDirectory().resolve("var/lib/dpkg/status"))));
            stamp.put("inventory", hex(Files.readAllBytes(lab.inventory())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stamp.toString();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
