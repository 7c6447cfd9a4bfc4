package dev.drover.agent.workflow;

import dev.drover.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The workflow files of {@code workflows.dir} ({@code *.yml} and {@code *.yaml}), all loaded
 * and validated when the agent starts: one bad file stops the start with its file:line, as a
 * bad check file does. A directory that does not exist holds no workflows.
 */
public final class WorkflowCatalog {

    private final Path dir;
    private final Map<String, WorkflowDefinition> workflows;
    private final WorkflowParser parser;

    private WorkflowCatalog(Path dir, Map<String, WorkflowDefinition> workflows, WorkflowParser parser) {
        this.dir = dir;
        this.workflows = workflows;
        this.parser = parser;
    }

    public static WorkflowCatalog load(Path dir, StepTypes types) {
        WorkflowParser parser = new WorkflowParser(types);
        Map<String, WorkflowDefinition> workflows = new LinkedHashMap<>();
        for (Path file : files(dir)) {
            WorkflowDefinition definition = parser.load(file);
            WorkflowDefinition first = workflows.putIfAbsent(definition.name(), definition);
            if (first != null) {
                throw new UserError("workflow name '" + definition.name() + "' is also the name of " + first.file(),
                        dev.drover.SourceLocation.of(file), "give one of them another name: (or file name)");
            }
        }
        return new WorkflowCatalog(dir, workflows, parser);
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UserError("cannot list the workflows directory: " + e.getMessage(), dev.drover.SourceLocation.of(dir),
                    "set workflows.dir to a readable directory");
        }
    }

    public Path dir() {
        return dir;
    }

    public Collection<WorkflowDefinition> all() {
        return workflows.values();
    }

    public Optional<WorkflowDefinition> named(String name) {
        return Optional.ofNullable(workflows.get(name));
    }

    /** Checks a workflow's text as the agent would load it; a UserError says what is wrong and where. */
    public WorkflowDefinition validate(String text, String label) {
        return parser.parse(text, Path.of(label));
    }
}
