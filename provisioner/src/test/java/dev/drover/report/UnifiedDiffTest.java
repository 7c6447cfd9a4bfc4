package dev.drover.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void showsAChangedLineWithContextLikeDiffU() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String after = "a\nb\nc\nd\nE\nf\ng\nh\n";
        assertThat(UnifiedDiff.of("before: /etc/x", before, "after: /etc/x", after)).isEqualTo("""
                --- before: /etc/x
                +++ after: /etc/x
                @@ -2,7 +2,7 @@
                 b
                 c
                 d
                -e
                +E
                 f
                 g
                 h
                """);
    }

    @Test
    void aNewFileIsAllAdditions() {
        assertThat(UnifiedDiff.of("before", "", "after", "x\ny\n")).isEqualTo("--- before\n+++ after\n@@ -0,0 +1,2 @@\n+x\n+y\n");
    }

    @Test
    void equalTextsGiveNoDiff() {
        assertThat(UnifiedDiff.of("a", "same\n", "b", "same\n")).isEmpty();
    }

    @Test
    void resultJsonLooksLikePythonsJsonDumps() {
        assertThat(ResultJson.oneLine(java.util.Map.of("msg", "x", "changed", false))).isEqualTo("{\"changed\": false, \"msg\": \"x\"}");
    }
}
