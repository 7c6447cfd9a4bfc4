package dev.drover.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.modules.control.IncludeVars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** include_vars on the controller: files, folders as Ansible walks them, and its failures. */
class IncludeVarsTest {

    @TempDir
    Path base;

    @BeforeEach
    void files() throws IOException {
        Path dir = Files.createDirectories(base.resolve("vars/conf/sub"));
        Files.writeString(base.resolve("vars/conf/10-a.yml"), "color: blue\nsize: s\n");
        Files.writeString(base.resolve("vars/conf/20-b.yaml"), "color: red\n");
        Files.writeString(base.resolve("vars/conf/30-c.json"), "{\"n\": [1, 2]}\n");
        Files.writeString(base.resolve("vars/conf/readme.txt"), "text\n");
        Files.writeString(dir.resolve("40-d.yml"), "size: xl\n");
        Files.writeString(base.resolve("single.yml"), "x: 1\n");
        Files.writeString(base.resolve("list.yml"), "- 1\n");
    }

    private Map<String, Object> run(Map<String, Object> args) throws IOException {
        LocalFiles files = (kind, name) -> {
            for (Path candidate : List.of(base.resolve(kind).resolve(name), base.resolve(name))) {
                if (Files.exists(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        };
        ModuleContext context = new ModuleContext(null, false, false, files, null);
        return new IncludeVars().run(ModuleArgs.unchecked(args), context).fields();
    }

    private static Map<String, Object> args(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void aFileGivesItsVariablesAsFactsAndNamesTheFile() throws IOException {
        Map<String, Object> result = run(args("_raw_params", "single.yml"));
        assertThat(result.get("ansible_facts")).isEqualTo(Map.of("x", 1));
        assertThat(result.get("ansible_included_var_files")).isEqualTo(List.of(base.resolve("single.yml").toString()));
        assertThat(run(args("file", "single.yml", "name", "bundle")).get("ansible_facts")).isEqualTo(Map.of("bundle", Map.of("x", 1)));
    }

    @Test
    void aFolderIsReadTopFilesFirstByNameLaterFilesWinning() throws IOException {
        Map<String, Object> result = run(args("dir", "conf", "ignore_files", List.of("readme.txt")));
        assertThat(result.get("ansible_facts")).isEqualTo(Map.of("color", "red", "size", "xl", "n", List.of(1, 2)));
        assertThat((List<?>) result.get("ansible_included_var_files")).extracting(p -> Path.of((String) p).getFileName().toString())
                .containsExactly("10-a.yml", "20-b.yaml", "30-c.json", "40-d.yml");
        assertThat(run(args("dir", "conf", "depth", 1, "ignore_unknown_extensions", true)).get("ansible_facts"))
                .isEqualTo(Map.of("color", "red", "size", "s", "n", List.of(1, 2)));
        assertThat(run(args("dir", "conf", "files_matching", "^[24]0-", "name", "m")).get("ansible_facts"))
                .isEqualTo(Map.of("m", Map.of("color", "red", "size", "xl")));
        assertThat(run(args("dir", "conf", "extensions", List.of("json"), "ignore_unknown_extensions", true)).get("ansible_facts"))
                .isEqualTo(Map.of("n", List.of(1, 2)));
    }

    @Test
    void failuresSayWhyUnderMessageAndKeepWhatWasRead() throws IOException {
        Map<String, Object> unknown = run(args("dir", "conf"));
        assertThat(unknown.get("failed")).isEqualTo(true);
        assertThat((String) unknown.get("message")).endsWith("readme.txt does not have a valid extension: yaml, yml, json");
        assertThat((List<?>) unknown.get("ansible_included_var_files")).hasSize(3);
        assertThat(run(args("_raw_params", "nope.yml")).get("message"))
                .isEqualTo("Could not find or access 'nope.yml' on the Ansible Controller.");
        assertThat(run(args("dir", "nope")).get("message")).isEqualTo("nope directory does not exist");
        assertThat((String) run(args("_raw_params", "list.yml")).get("message")).endsWith("list.yml must be stored as a dictionary/hash");
    }
}
