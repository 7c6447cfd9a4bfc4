package dev.drover.modules.control;

import dev.drover.facts.FactGatherer;
import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's setup (and gather_facts): gathers the host's facts with one shell command and
 * returns them as {@code ansible_facts}, with the {@code ansible_} prefix as Ansible does;
 * the executor stores them as the host's facts. Drover gathers one set of facts, so
 * gather_subset is accepted and every subset gets the same facts; {@code filter} works.
 */
public final class Setup implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.of("gather_subset", ArgType.LIST).defaultsTo(List.of("all")),
            Arg.of("gather_timeout", ArgType.INT).defaultsTo(10L),
            Arg.of("filter", ArgType.LIST).defaultsTo(List.of()),
            Arg.path("fact_path"));

    private final String name;

    public Setup() {
        this("setup");
    }

    private Setup(String name) {
        this.name = name;
    }

    /** The same module under the name gather_facts. */
    public static Setup gatherFacts() {
        return new Setup("gather_facts");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        Map<String, Object> gathered = FactGatherer.gather(context.target());
        List<PathMatcher> filters = args.list("filter").stream()
                .map(f -> FileSystems.getDefault().getPathMatcher("glob:" + f))
                .toList();
        Map<String, Object> facts = new LinkedHashMap<>();
        gathered.forEach((key, value) -> {
            String prefixed = "ansible_" + key;
            if (filters.isEmpty() || filters.stream().anyMatch(m -> m.matches(Path.of(prefixed)))) {
                facts.put(prefixed, value);
            }
        });
        return ModuleResult.builder().changed(false).put("ansible_facts", facts).build();
    }
}
