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
import java.util.List;

/**
 * Ansible's setup (and gather_facts): gathers the host's facts with one shell command and
 * returns them as {@code ansible_facts}, with Ansible's names; gather_subset selects the
 * collectors as Ansible does, filter keeps matching names, fact_path is where local facts
 * are read. The executor stores the result as the host's facts. gather_timeout is accepted
 * (the one command has the connection's own timeout).
 */
public final class Setup implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.of("gather_subset", ArgType.LIST).defaultsTo(List.of("all")),
            Arg.of("gather_timeout", ArgType.INT).defaultsTo(10L),
            Arg.of("filter", ArgType.LIST).defaultsTo(List.of()),
            Arg.path("fact_path").defaultsTo(FactGatherer.DEFAULT_FACT_PATH));

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
        FactGatherer.Request request = new FactGatherer.Request(strings(args.list("gather_subset")),
                strings(args.list("filter")), args.string("fact_path"));
        FactGatherer.Gathered gathered;
        try {
            gathered = FactGatherer.gather(context.target(), request);
        } catch (IllegalArgumentException badSubset) {
            return ModuleResult.failed(badSubset.getMessage());
        }
        java.util.Map<String, Object> facts = gathered.ansibleFacts();
        if (name.equals("gather_facts")) {
            // Ansible's gather_facts action marks the facts, as the play's own gathering does (gathering = smart reads it)
            facts = new java.util.LinkedHashMap<>(facts);
            facts.put("_ansible_facts_gathered", true);
        }
        ModuleResult.Builder result = ModuleResult.builder().changed(false).put("ansible_facts", facts);
        if (!gathered.warnings().isEmpty()) {
            result.put("warnings", gathered.warnings());
        }
        return result.build();
    }

    private static List<String> strings(List<Object> values) {
        return values.stream().map(String::valueOf).map(String::strip).toList();
    }
}
