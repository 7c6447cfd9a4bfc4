package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** blockinfile's editing rules; every expectation was produced by ansible-core 2.14's blockinfile. */
class BlockEditTest {

    static Stream<Arguments> ansibleCases() {
        return Stream.of(
                ansible("a\nb\n", Map.of("block", "x\ny"), "a\nb\n# BEGIN ANSIBLE MANAGED BLOCK\nx\ny\n# END ANSIBLE MANAGED BLOCK\n", true, "Block inserted"),
                ansible("a\nb", Map.of("block", "x"), "a\nb\n# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\n", true, "Block inserted"),
                ansible("a\n# BEGIN ANSIBLE MANAGED BLOCK\nold\n# END ANSIBLE MANAGED BLOCK\nb\n", Map.of("block", "x"), "a\n# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\nb\n", true, "Block inserted"),
                ansible("a\n# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\nb\n", Map.of("block", "x"), "a\n# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\nb\n", false, ""),
                ansible("a\n# BEGIN ANSIBLE MANAGED BLOCK\nold\n# END ANSIBLE MANAGED BLOCK\nb\n", Map.of("block", ""), "a\nb\n", true, "Block removed"),
                ansible("a\n# BEGIN ANSIBLE MANAGED BLOCK\nold\n# END ANSIBLE MANAGED BLOCK\nb\n", Map.of("state", "absent"), "a\nb\n", true, "Block removed"),
                ansible("a\nb\nc\n", Map.of("block", "x", "insertafter", "^a"), "a\n# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\nb\nc\n", true, "Block inserted"),
                ansible("a\nb\na\n", Map.of("block", "x", "insertafter", "^a"), "a\nb\na\n# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\n", true, "Block inserted"),
                ansible("a\nb\nc\n", Map.of("block", "x", "insertbefore", "^c"), "a\nb\n# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\nc\n", true, "Block inserted"),
                ansible("a\nb\nc\n", Map.of("block", "x", "insertbefore", "BOF"), "# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\na\nb\nc\n", true, "Block inserted"),
                ansible("a\nb\nc\n", Map.of("block", "x", "insertafter", "zzz"), "a\nb\nc\n# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\n", true, "Block inserted"),
                ansible("a\nb\nc\n", Map.of("block", "x", "marker", "// {mark} managed", "marker_begin", "START", "marker_end", "STOP"), "a\nb\nc\n// START managed\nx\n// STOP managed\n", true, "Block inserted"),
                ansible("a\nb\nc\n", Map.of("block", "x", "insertafter", "(?m)^b\nc"), "a\nb\nc\n# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\n", true, "Block inserted"),
                ansible("a\n# END ANSIBLE MANAGED BLOCK\nold\n# BEGIN ANSIBLE MANAGED BLOCK\nb\n", Map.of("block", "x"), "a\n# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\nb\n", true, "Block inserted"),
                ansible("a\r\nb\r\n", Map.of("block", "x"), "a\r\nb\r\n# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\n", true, "Block inserted"),
                ansible("", Map.of("block", "x"), "# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\n", true, "Block inserted")        );
    }

    @ParameterizedTest(name = "[{index}] {1} on {0}")
    @MethodSource("ansibleCases")
    void editsLikeAnsible(String content, Map<String, String> args, String after, boolean changed, String msg)
            throws FileModuleError {
        BlockEdit.Outcome outcome = BlockEdit.apply(new BlockEdit.Request(PythonRegex.bytesOf(content),
                !"absent".equals(args.get("state")), args.getOrDefault("block", ""),
                args.getOrDefault("marker", "# {mark} ANSIBLE MANAGED BLOCK"), args.getOrDefault("marker_begin", "BEGIN"),
                args.getOrDefault("marker_end", "END"), args.get("insertafter"), args.get("insertbefore")));
        assertThat(PythonRegex.textOf(outcome.text())).isEqualTo(after);
        assertThat(outcome.changed()).isEqualTo(changed);
        assertThat(outcome.msg()).isEqualTo(msg);
    }

    @org.junit.jupiter.api.Test
    void aMissingFileIsCreatedWithTheBlock() throws FileModuleError {
        BlockEdit.Outcome outcome = BlockEdit.apply(new BlockEdit.Request(null, true, "x", "# {mark}", "B", "E",
                null, null));
        assertThat(outcome.text()).isEqualTo("# B\nx\n# E\n");
        assertThat(outcome.msg()).isEqualTo("File created");
    }

    private static Arguments ansible(String content, Map<String, String> args, String after, boolean changed, String msg) {
        return Arguments.of(content, args, after, changed, msg);
    }
}
