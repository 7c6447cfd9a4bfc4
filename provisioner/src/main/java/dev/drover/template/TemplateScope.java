package dev.drover.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a template sees: the host's variables (raw — values may themselves hold templates,
 * resolved lazily when read, as Ansible does) and the folders that the {@code file} and
 * {@code template} lookups search, most specific first.
 *
 * @param where a short description of what is being templated ("task 'Install nginx'"), for errors
 */
public record TemplateScope(Map<String, Object> vars, List<Path> searchPaths, String where) {

    public TemplateScope {
        searchPaths = List.copyOf(searchPaths);
    }

    public static TemplateScope of(Map<String, Object> vars) {
        return new TemplateScope(vars, List.of(), "");
    }
}
