package dev.drover.inventory;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.vault.Vault;
import dev.drover.vault.VaultEnvelope;
import dev.drover.yaml.AnsibleYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads inventory sources as {@code -i} takes them: a YAML or INI file, a folder of such
 * files, or a comma-separated host list ({@code web1,web2,}).
 */
public final class InventoryLoader {

    private InventoryLoader() {
    }

    /** What was loaded: the hosts and groups, and the group_vars/host_vars found beside the sources. */
    public record Loaded(Inventory inventory, List<Path> varsBases) {
    }

    public static Loaded load(List<String> sources) {
        InventoryBuilder builder = new InventoryBuilder();
        List<Path> varsBases = new ArrayList<>();
        for (String source : sources) {
            Path path = Path.of(source);
            if (Files.isDirectory(path)) {
                for (Path file : inventoryFilesIn(path)) {
                    parseFile(file, builder);
                }
                varsBases.add(path);
            } else if (Files.isRegularFile(path)) {
                parseFile(path, builder);
                varsBases.add(path.toAbsolutePath().getParent());
            } else if (source.contains(",")) {
                for (String host : source.split(",")) {
                    if (!host.isBlank()) {
                        builder.host(host.strip(), null, java.util.Map.of());
                    }
                }
            } else {
                throw new UserError("inventory source not found: " + source, SourceLocation.UNKNOWN,
                        "give -i a YAML or INI inventory file, a folder of them, or a list like 'host1,host2,'");
            }
        }
        return new Loaded(builder.build(), List.copyOf(varsBases));
    }

    static void parseFile(Path file, InventoryBuilder builder) {
        String name = file.getFileName().toString();
        if (name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".json")) {
            YamlInventoryParser.parse(AnsibleYaml.load(file), SourceLocation.of(file), builder);
        } else {
            String text;
            try {
                byte[] content = Files.readAllBytes(file);
                // A vaulted INI inventory is decrypted, as Ansible's loader does for any file.
                text = new String(VaultEnvelope.isVaulted(content) ? Vault.current().open(content, file) : content,
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserError("cannot read inventory: " + e.getMessage(), SourceLocation.of(file), null);
            }
            IniInventoryParser.parse(text, file, builder);
        }
    }

    private static List<Path> inventoryFilesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> {
                        String n = f.getFileName().toString();
                        // Ansible's default ignore list: backups, retry files, docs.
                        return !n.startsWith(".") && !n.endsWith("~") && !n.endsWith(".retry") && !n.endsWith(".md")
                                && !n.endsWith(".orig") && !n.endsWith(".ini~") && !n.endsWith(".cfg");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UserError("cannot list inventory folder: " + e.getMessage(), SourceLocation.of(dir), null);
        }
    }
}
