package dev.drover.agent.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowParserTest {

    private final StepTypes types = new StepTypes().register(new ShellStep()).register(new ApprovalStep(new Approvals()))
            .register(new SubWorkflowStep(new AtomicReference<WorkflowEngine>()::get));
    private final WorkflowParser parser = new WorkflowParser(types);

    private String error(String yaml) {
        try {
            parser.parse(yaml, Path.of("wf.yml"));
        } catch (UserError e) {
            return e.describe();
        }
        throw new AssertionError("accepted:\n" + yaml);
    }

    @Test
    void aWorkflowsConcurrencyIsAWholeNumberFromOne() {
        assertThat(parser.parse("concurrency: 2\nsteps:\n  - {id: a, type: shell, command: \"true\"}\n", Path.of("wf.yml"))
                .concurrency().getAsInt()).isEqualTo(2);
        assertThat(parser.parse("steps:\n  - {id: a, type: shell, command: \"true\"}\n", Path.of("wf.yml")).concurrency()).isEmpty();
        assertThat(error("concurrency: 0\nsteps:\n  - {id: a, type: shell, command: \"true\"}\n")).startsWith("wf.yml:1:");
    }

    @Test
    void readsEveryCommonKey() {
        WorkflowDefinition w = parser.parse("""
                name: rolling
                description: one node at a time
                schedule: "0 3 * * *"
                inputs:
                  nodes: [lab1, lab2]
                  reason: {default: upkeep, description: why}
                steps:
                  - id: drain
                    type: shell
                    command: echo {{ item }}
                    for_each: "{{ inputs.nodes }}"
                    concurrency: 1
                    retries: 2
                    backoff: 500ms
                    timeout: 1m
                    on_failure: undo
                    outputs: {node: "{{ result.stdout }}"}
                  - {id: undo, type: shell, command: "true"}
                  - {id: ok, type: approval, needs: drain, when: "steps.drain.status == 'done'", expires_after: 1h}
                """, Path.of("rolling.yml"));
        assertThat(w.name()).isEqualTo("rolling");
        assertThat(w.schedule()).contains("0 0 3 * * ?");
        assertThat(w.inputs().get("reason").defaultValue()).isEqualTo("upkeep");
        assertThat(w.inputs().get("reason").required()).isFalse();
        StepDefinition drain = w.step("drain").orElseThrow();
        assertThat(drain.retries()).isEqualTo(2);
        assertThat(drain.backoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(drain.timeout()).contains(Duration.ofMinutes(1));
        assertThat(drain.onFailure()).isEqualTo(StepDefinition.OnFailure.fallback("undo"));
        assertThat(drain.args()).containsEntry("command", "echo {{ item }}");
        assertThat(w.step("undo").orElseThrow().fallbackOnly()).isTrue();
        assertThat(w.step("ok").orElseThrow().needs()).containsExactly("drain");
    }

    @Test
    void unknownStepTypeNamesTheLineAndTheKnownTypes() {
        assertThat(error("""
                steps:
                  - id: a
                    type: shel
                    command: ls
                """)).isEqualTo("wf.yml:3:5: step 'a': unknown type 'shel'\n  known types: approval, shell, workflow");
    }

    @Test
    void unknownKeysOfTheFileAndOfTheStepType() {
        assertThat(error("stpes: []\n")).startsWith("wf.yml:1:1: unknown setting 'stpes'");
        assertThat(error("""
                steps:
                  - id: a
                    type: shell
                    command: ls
                    cmd: ls
                """)).startsWith("wf.yml:5:5: step 'a': unknown key 'cmd' for a shell step\n  known keys: backoff, command, concurrency, cwd, description, env,");
        assertThat(error("""
                steps:
                  - id: a
                    type: shell
                """)).isEqualTo("wf.yml:2:5: step 'a': a shell step needs 'command'");
    }

    @Test
    void duplicateIdsAndBadIds() {
        assertThat(error("""
                steps:
                  - {id: a, type: shell, command: ls}
                  - {id: a, type: shell, command: ls}
                """)).isEqualTo("wf.yml:3:6: step id 'a' is used twice (first at line 2)\n  give every step its own id");
        assertThat(error("""
                steps:
                  - {id: 1st, type: shell, command: ls}
                """)).startsWith("wf.yml:2:6: step id '1st' must be letters, digits and '_'");
    }

    @Test
    void unknownAndCyclicNeeds() {
        assertThat(error("""
                steps:
                  - {id: a, type: shell, command: ls, needs: b}
                """)).isEqualTo("wf.yml:2:39: step 'a' needs 'b', which is no step of this workflow\n  steps here: a");
        assertThat(error("""
                steps:
                  - {id: a, type: shell, command: ls, needs: c}
                  - {id: b, type: shell, command: ls, needs: a}
                  - {id: c, type: shell, command: ls, needs: [b]}
                """)).startsWith("wf.yml:2:39: the needs of steps form a cycle: a -> c -> b -> a");
    }

    @Test
    void templatesMustParseAndReadOnlyWhatIsUpstreamOrDeclared() {
        assertThat(error("""
                steps:
                  - {id: a, type: shell, command: ls, when: "inputs.x =="}
                """)).contains("reads inputs.x, which the workflow does not declare");
        assertThat(error("""
                inputs: {x: 1}
                steps:
                  - {id: a, type: shell, command: ls, when: "inputs.x == = 2"}
                """)).startsWith("wf.yml:3:39: step 'a': when: ").contains("syntax error");
        assertThat(error("""
                steps:
                  - {id: a, type: shell, command: "echo {{ steps.b.outputs.stdout }}"}
                  - {id: b, type: shell, command: ls}
                """)).isEqualTo("wf.yml:2:26: step 'a': command reads steps.b, which is not upstream of it\n"
                + "  add 'b' to its needs (directly or through a step it needs), or fix the name");
        assertThat(error("""
                steps:
                  - {id: a, type: shell, command: "echo {{ steps.a.outputs }}"}
                """)).contains("a step's own result is 'result' in its outputs");
    }

    @Test
    void forEachOnFailureAndConcurrencyAreChecked() {
        assertThat(error("""
                steps:
                  - {id: a, type: shell, command: ls, for_each: 3}
                """)).startsWith("wf.yml:2:39: step 'a': for_each must be a list or a template");
        assertThat(error("""
                steps:
                  - {id: a, type: shell, command: ls, concurrency: 3}
                """)).startsWith("wf.yml:2:39: step 'a': concurrency limits for_each items");
        assertThat(error("""
                steps:
                  - {id: a, type: shell, command: ls, on_failure: rollback}
                """)).startsWith("wf.yml:2:39: step 'a': on_failure must be fail, continue or the id of another step, not 'rollback'");
        assertThat(error("""
                steps:
                  - {id: a, type: shell, command: ls}
                  - {id: b, type: shell, command: ls, on_failure: c}
                  - {id: c, type: shell, command: ls, needs: a}
                """)).startsWith("wf.yml:4:39: step 'c' is a fallback (named by on_failure)");
        assertThat(error("""
                inputs: {node: {description: which}}
                schedule: "*/5 * * * *"
                steps:
                  - {id: a, type: shell, command: ls}
                """)).startsWith("wf.yml:2:1: a scheduled workflow's inputs need defaults; 'node' has none");
    }

    @Test
    void inputTypesAndChoicesAreCheckedAgainstTheirDefaults() {
        WorkflowDefinition w = parser.parse("""
                inputs:
                  nodes: {type: list, choices: [lab1, lab2, lab3], default: [lab1]}
                  mode: {choices: [fast, safe], default: safe}
                  batch: {type: integer, default: "4"}
                  dry_run: {type: boolean, default: false}
                steps:
                  - {id: a, type: shell, command: ls}
                """, Path.of("wf.yml"));
        assertThat(w.inputs().get("nodes").type()).contains(InputType.LIST);
        assertThat(w.inputs().get("nodes").choices()).containsExactly("lab1", "lab2", "lab3");
        assertThat(w.inputs().get("mode").type()).isEmpty();
        assertThat(w.inputs().get("batch").defaultValue()).as("a default is read as its type").isEqualTo(4L);

        assertThat(error("inputs:\n  n: {type: int}\nsteps:\n  - {id: a, type: shell, command: ls}\n"))
                .startsWith("wf.yml:2:").contains(": input type 'int' is not one of string, number, integer, boolean, list, map");
        assertThat(error("inputs:\n  n: {type: integer, default: 2.5}\nsteps:\n  - {id: a, type: shell, command: ls}\n"))
                .startsWith("wf.yml:2:").contains(": the default of input 'n' is a whole number, not 2.5");
        assertThat(error("inputs:\n  n: {type: list, choices: [a, b], default: [a, c]}\nsteps:\n  - {id: a, type: shell, command: ls}\n"))
                .startsWith("wf.yml:2:").contains(": the default of input 'n' must be one of 'a', 'b', not 'c'");
        assertThat(error("inputs:\n  n: {choices: a}\nsteps:\n  - {id: a, type: shell, command: ls}\n"))
                .startsWith("wf.yml:2:").contains(": 'choices' must be a list of the values the input may take");
    }

    @Test
    void aBadFileStopsTheCatalogWithItsName(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("good.yml"), "steps:\n  - {id: a, type: shell, command: ls}\n");
        Files.writeString(dir.resolve("bad.yaml"), "steps:\n  - {id: a, type: nope}\n");
        assertThatThrownBy(() -> WorkflowCatalog.load(dir, types)).isInstanceOf(UserError.class)
                .hasMessage("step 'a': unknown type 'nope'")
                .satisfies(e -> assertThat(((UserError) e).location().file()).isEqualTo(dir.resolve("bad.yaml")));
        Files.delete(dir.resolve("bad.yaml"));
        assertThat(WorkflowCatalog.load(dir, types).named("good")).isPresent();
        assertThat(WorkflowCatalog.load(dir.resolve("absent"), types).all()).isEmpty();
    }

    @Test
    void validatingNeverRunsALookup(@TempDir Path dir) {
        Path marker = dir.resolve("ran");
        WorkflowDefinition w = parser.parse("""
                steps:
                  - id: a
                    type: shell
                    when: "lookup('pipe', 'touch %1$s') == ''"
                    command: "echo {{ lookup('pipe', 'touch %1$s') }} {{ query('lines', 'touch %1$s') }}"
                """.formatted(marker), Path.of("wf.yml"));
        assertThat(w.steps()).hasSize(1);
        assertThat(marker).doesNotExist();
    }
}
