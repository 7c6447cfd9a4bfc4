package dev.drover.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostBatchesTest {

    private static final List<String> FIVE = List.of("a", "b", "c", "d", "e");

    private static List<List<String>> batches(Object serial, List<String> hosts) {
        return HostBatches.of(serial, hosts, SourceLocation.UNKNOWN).batches();
    }

    @Test
    void noSerialIsOneBatchOfEveryHost() {
        assertThat(batches(null, FIVE)).containsExactly(FIVE);
        assertThat(batches(0, FIVE)).containsExactly(FIVE);
    }

    @Test
    void aNumberCutsTheHostsInOrder() {
        assertThat(batches(2, FIVE)).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
        assertThat(batches("2", FIVE)).hasSize(3);
        assertThat(batches(9, FIVE)).containsExactly(FIVE);
    }

    @Test
    void aPercentageIsOfAllHostsRoundedDownButAtLeastOne() {
        assertThat(batches("40%", FIVE)).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
        assertThat(batches("10%", FIVE)).hasSize(5);
        assertThat(batches("100%", FIVE)).containsExactly(FIVE);
    }

    @Test
    void aListIsUsedInOrderAndItsLastSizeRepeats() {
        assertThat(batches(List.of(1, "40%"), FIVE))
                .containsExactly(List.of("a"), List.of("b", "c"), List.of("d", "e"));
        assertThat(batches(List.of(1, 1, 10), FIVE)).containsExactly(List.of("a"), List.of("b"), List.of("c", "d", "e"));
    }

    @Test
    void somethingElseIsAClearError() {
        assertThatThrownBy(() -> batches("many", FIVE)).isInstanceOf(UserError.class).hasMessageContaining("serial");
    }

    @Test
    void maxFailPercentageMustBeExceededNotJustReached() {
        assertThat(FailurePolicy.exceedsMaxFail(50, 1, 2, SourceLocation.UNKNOWN)).isFalse();
        assertThat(FailurePolicy.exceedsMaxFail(49, 1, 2, SourceLocation.UNKNOWN)).isTrue();
        assertThat(FailurePolicy.exceedsMaxFail(0, 0, 2, SourceLocation.UNKNOWN)).isFalse();
        assertThat(FailurePolicy.exceedsMaxFail(null, 2, 2, SourceLocation.UNKNOWN)).isFalse();
    }
}
