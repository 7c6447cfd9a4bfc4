package dev.drover.modules.control;

import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgumentError;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.yaml.AnsibleYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Ansible's include_vars, run on the controller: variables from a YAML/JSON file, or from
 * every file of a folder ({@code dir}, {@code depth}, {@code files_matching},
 * {@code ignore_files}, {@code extensions}, {@code ignore_unknown_extensions}), optionally
 * all under one {@code name}. They come back as {@code ansible_facts}, which the executor
 * keeps as host variables above play, role, block and task vars.
 */
public final class IncludeVars implements Module {

    private static final List<String> DEFAULT_EXTENSIONS = List.of("yaml", "yml", "json");

    @Override
    public String name() {
        return "include_vars";
    }

    @Override
    public ArgSpec spec() {
        return null;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) {
        Map<String, Object> given = args.asMap();
        Object file = given.containsKey("file") ? given.get("file") : given.get("_raw_params");
        Object dir = given.get("dir");
        if (file != null && dir != null) {
            throw new ArgumentError("You are mixing file only and dir only arguments, these are incompatible");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        List<Object> included = new ArrayList<>();
        Object name = given.get("name");
        try {
            List<Path> files = new ArrayList<>();
            if (dir != null) {
                Path folder = context.files().find("vars", String.valueOf(dir)).orElse(null);
                if (folder == null || !Files.isDirectory(folder)) {
                    throw new ArgumentError(dir + " directory does not exist");
                }
                Listing listing = filesIn(folder, given);
                files.addAll(listing.files());
                if (listing.error() != null) {
                    files.forEach(path -> {
                        vars.putAll(read(path));
                        included.add(path.toAbsolutePath().normalize().toString());
                    });
                    throw new ArgumentError(listing.error());
                }
            } else if (file != null) {
                Path found = context.files().find("vars", String.valueOf(file)).orElse(null);
                if (found == null || !Files.isRegularFile(found)) {
                    throw new ArgumentError("Could not find or access '" + file + "' on the Ansible Controller.");
                }
                files.add(found);
            } else {
                throw new ArgumentError("one of file, dir or the free-form file name is required");
            }
            for (Path path : files) {
                vars.putAll(read(path));
                included.add(path.toAbsolutePath().normalize().toString());
            }
        } catch (ArgumentError e) {
            // Ansible reports what was read before the failure, and the reason under "message".
            return ModuleResult.builder().changed(false).put("ansible_facts", name == null ? Map.of() : singleton(String.valueOf(name), Map.of()))
                    .put("ansible_included_var_files", included).put("failed", true).put("message", e.getMessage()).build();
        }
        Map<String, Object> facts = name == null ? vars : singleton(String.valueOf(name), vars);
        return ModuleResult.builder().changed(false).put("ansible_facts", facts)
                .put("ansible_included_var_files", included).build();
    }

    private static Map<String, Object> singleton(String name, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(name, value);
        return map;
    }

    /**
     * The files of a folder as Ansible walks it: folders sorted by path, the files of each
     * sorted by name; {@code depth} counts folders visited in that order (0: all).
     */
    /** The files of a folder to read, up to the first one that may not be read (then error says why). */
    record Listing(List<Path> files, String error) {
    }

    static Listing filesIn(Path folder, Map<String, Object> given) {
        int depth = given.get("depth") == null ? 0 : Integer.parseInt(String.valueOf(given.get("depth")).strip());
        Pattern matching = given.get("files_matching") == null ? null : Pattern.compile(String.valueOf(given.get("files_matching")));
        List<String> ignored = textList(given.get("ignore_files"));
        List<String> extensions = given.get("extensions") == null ? DEFAULT_EXTENSIONS : textList(given.get("extensions"));
        boolean ignoreUnknown = given.get("ignore_unknown_extensions") != null
                && ModuleArgs.toBool("ignore_unknown_extensions", given.get("ignore_unknown_extensions"));
        List<Path> folders;
        try (Stream<Path> walk = Files.walk(folder, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            folders = walk.filter(Files::isDirectory).sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
        } catch (IOException e) {
            throw new ArgumentError("could not read " + folder + ": " + e.getMessage());
        }
        List<Path> out = new ArrayList<>();
        int visited = 0;
        for (Path current : folders) {
            visited++;
            if (depth != 0 && visited > depth) {
                break;
            }
            List<Path> names;
            try (Stream<Path> list = Files.list(current)) {
                names = list.filter(Files::isRegularFile).sorted((a, b) -> a.getFileName().toString()
                        .compareTo(b.getFileName().toString())).toList();
            } catch (IOException e) {
                throw new ArgumentError("could not read " + current + ": " + e.getMessage());
            }
            for (Path path : names) {
                String fileName = path.getFileName().toString();
                if (matching != null && !matching.matcher(fileName).find()) {
                    continue;
                }
                if (ignored.stream().anyMatch(pattern -> Pattern.compile(pattern + "$").matcher(fileName).find())) {
                    continue;
                }
                boolean validExtension = extensions.stream().anyMatch(ext -> fileName.endsWith("." + ext));
                if (!validExtension) {
                    if (ignoreUnknown) {
                        continue;
                    }
                    return new Listing(out, path + " does not have a valid extension: " + String.join(", ", extensions));
                }
                out.add(path);
            }
        }
        return new Listing(out, null);
    }

    private static List<String> textList(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value).split(","));
    }

    private static Map<String, Object> read(Path path) {
        Object document = AnsibleYaml.load(path);
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new ArgumentError(path + " must be stored as a dictionary/hash");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        map.forEach((k, v) -> vars.put(String.valueOf(k), v));
        return vars;
    }
}
