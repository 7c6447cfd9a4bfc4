package dev.drover.yaml;

import dev.drover.SourceLocation;
import dev.drover.vault.Vault;
import dev.drover.vault.VaultEnvelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * Reads YAML the way Ansible does: YAML 1.1 scalars, merge keys ({@code <<}), duplicate keys
 * allowed with the last one winning, {@code !unsafe} strings and {@code !vault} blobs kept as
 * tagged values. Mappings come back as {@link YamlMap}, with their positions.
 */
public final class AnsibleYaml {

    private static final Tag UNSAFE = new Tag("!unsafe");
    private static final Tag VAULT = new Tag("!vault");

    private AnsibleYaml() {
    }

    /**
     * Loads the first document of a file; an empty file gives null. A vault-encrypted file is
     * decrypted with the run's {@link Vault} first, and the values in it are masked in all output.
     */
    public static Object load(Path file) {
        byte[] content = readBytes(file);
        if (VaultEnvelope.isVaulted(content)) {
            Object document = loadString(new String(Vault.current().open(content, file), StandardCharsets.UTF_8), file);
            Vault.current().mask().addValues(document);
            return document;
        }
        return loadString(new String(content, StandardCharsets.UTF_8), file);
    }

    public static Object loadString(String text, Path label) {
        List<Object> docs = loadAll(text, label);
        return docs.isEmpty() ? null : docs.get(0);
    }

    public static List<Object> loadAll(String text, Path label) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(label == null ? "<string>" : label.toString())
                .setSchema(new Yaml11Schema())
                .setAllowDuplicateKeys(true)
                .setUseMarks(true)
                .build();
        List<Object> docs = new ArrayList<>();
        try {
            for (Node node : new Compose(settings).composeAllFromString(text)) {
                docs.add(new Builder(label).value(node));
            }
        } catch (MarkedYamlEngineException e) {
            throw syntaxError(e, label);
        } catch (YamlEngineException e) {
            throw new YamlError("invalid YAML: " + e.getMessage(), SourceLocation.of(label), null);
        }
        return docs;
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new YamlError("file not found", SourceLocation.of(file), "check the path; it is read relative to the current directory");
        } catch (IOException e) {
            throw new YamlError("cannot read file: " + e.getMessage(), SourceLocation.of(file), null);
        }
    }

    private static YamlError syntaxError(MarkedYamlEngineException e, Path label) {
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        SourceLocation where = mark.map(m -> at(label, m)).orElse(SourceLocation.of(label));
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        if (e.getContext() != null) {
            problem = e.getContext() + ", " + problem;
        }
        String snippet = mark.map(Mark::createSnippet).orElse("");
        String hint = "YAML syntax error. Check indentation (spaces, not tabs) and quote values that start with"
                + " '{{' or contain ': '." + (snippet.isBlank() ? "" : "\n" + snippet.stripTrailing());
        return new YamlError(problem, where, hint);
    }

    static SourceLocation at(Path file, Mark mark) {
        return new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Builds Java values from the composed node tree. */
    private static final class Builder {
        private final Path file;

        Builder(Path file) {
            this.file = file;
        }

        Object value(Node node) {
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                List<Object> items = new ArrayList<>(sequence.getValue().size());
                for (Node item : sequence.getValue()) {
                    items.add(value(item));
                }
                return java.util.Collections.unmodifiableList(items);
            }
            return mapping((MappingNode) node);
        }

        private Object scalar(ScalarNode node) {
            Tag tag = node.getTag();
            String text = node.getValue();
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return Yaml11Scalars.bool(text);
            }
            if (tag.equals(Tag.INT)) {
                return Yaml11Scalars.integer(text);
            }
            if (tag.equals(Tag.FLOAT)) {
                return Yaml11Scalars.floating(text);
            }
            if (tag.equals(VAULT)) {
                return new VaultText(text, location(node));
            }
            // !unsafe and plain strings: text as written. (!unsafe's "never template" is honoured by callers.)
            return text;
        }

        private YamlMap mapping(MappingNode node) {
            LinkedHashMap<String, Object> entries = new LinkedHashMap<>();
            Map<String, SourceLocation> keys = new HashMap<>();
            // Merge keys first, so that keys written in the mapping itself win, as in YAML 1.1.
            for (NodeTuple tuple : node.getValue()) {
                if (isMergeKey(tuple.getKeyNode())) {
                    merge(entries, keys, tuple.getValueNode());
                }
            }
            for (NodeTuple tuple : node.getValue()) {
                if (isMergeKey(tuple.getKeyNode())) {
                    continue;
                }
                Object key = value(tuple.getKeyNode());
                if (key instanceof Map || key instanceof List) {
                    throw new YamlError("a mapping key must be a plain value", location(tuple.getKeyNode()), null);
                }
                String name = key == null ? "null" : key instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(key);
                entries.remove(name); // a duplicate key moves to where it was written last
                entries.put(name, value(tuple.getValueNode()));
                keys.put(name, location(tuple.getKeyNode()));
            }
            return new YamlMap(entries, keys, location(node));
        }

        private void merge(LinkedHashMap<String, Object> entries, Map<String, SourceLocation> keys, Node source) {
            List<Node> sources = source instanceof SequenceNode seq ? seq.getValue() : List.of(source);
            for (Node one : sources) {
                Object merged = value(one);
                if (!(merged instanceof YamlMap map)) {
                    throw new YamlError("a merge key (<<) needs a mapping or a list of mappings", location(one), null);
                }
                map.forEach(entries::putIfAbsent);
                map.keySet().forEach(k -> keys.putIfAbsent(k, map.locationOf(k)));
            }
        }

        private static boolean isMergeKey(Node key) {
            return key instanceof ScalarNode scalar && scalar.getTag().equals(Tag.MERGE);
        }

        private SourceLocation location(Node node) {
            return node.getStartMark().map(m -> at(file, m)).orElse(SourceLocation.of(file));
        }
    }

    /** The schema: YAML 1.1 resolution; construction is done by {@link Builder}, not by tag constructors. */
    private static final class Yaml11Schema implements Schema {
        private final ScalarResolver resolver = new Yaml11Resolver();

        @Override
        public ScalarResolver getScalarResolver() {
            return resolver;
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
            return Map.of();
        }
    }
}
