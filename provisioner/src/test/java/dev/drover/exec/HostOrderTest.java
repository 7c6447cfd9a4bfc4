package dev.drover.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostOrderTest {

    private static final List<String> HOSTS = List.of("web2", "db1", "web10", "app");

    @Test
    void eachOrderTakesTheHostsAsAnsibleDoes() {
        assertThat(HostOrder.of(null, SourceLocation.UNKNOWN).apply(HOSTS)).isEqualTo(HOSTS);
        assertThat(HostOrder.of("inventory", SourceLocation.UNKNOWN).apply(HOSTS)).isEqualTo(HOSTS);
        assertThat(HostOrder.of("reverse_inventory", SourceLocation.UNKNOWN).apply(HOSTS)).containsExactly("app", "web10", "db1", "web2");
        // By name, as Python sorts text: web10 before web2.
        assertThat(HostOrder.of("sorted", SourceLocation.UNKNOWN).apply(HOSTS)).containsExactly("app", "db1", "web10", "web2");
        assertThat(HostOrder.of("reverse_sorted", SourceLocation.UNKNOWN).apply(HOSTS)).containsExactly("web2", "web10", "db1", "app");
        assertThat(HostOrder.of("shuffle", SourceLocation.UNKNOWN).apply(HOSTS)).containsExactlyInAnyOrderElementsOf(HOSTS);
    }

    @Test
    void anUnknownOrderIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> HostOrder.of("random", SourceLocation.UNKNOWN))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("Invalid 'order' specified for inventory hosts: random");
        UserError error = org.assertj.core.api.Assertions.catchThrowableOfType(UserError.class,
                () -> HostOrder.of("random", SourceLocation.UNKNOWN));
        assertThat(error.describe()).contains("use one of inventory, reverse_inventory, sorted, reverse_sorted, shuffle");
    }
}
