package dev.drover.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TagFilterTest {

    @Test
    void noTagsRunsEverythingButNever() {
        TagFilter all = new TagFilter(Set.of(), Set.of());
        assertThat(all.runs(Set.of())).isTrue();
        assertThat(all.runs(Set.of("web"))).isTrue();
        assertThat(all.runs(Set.of("never"))).isFalse();
    }

    @Test
    void tagsSelectAndAlwaysStillRuns() {
        TagFilter web = new TagFilter(Set.of("web"), Set.of());
        assertThat(web.runs(Set.of("web", "x"))).isTrue();
        assertThat(web.runs(Set.of("db"))).isFalse();
        assertThat(web.runs(Set.of())).isFalse();
        assertThat(web.runs(Set.of("always"))).isTrue();
        assertThat(web.runs(Set.of("never", "web"))).isTrue();
    }

    @Test
    void skipTagsWinAndCanSkipAlways() {
        assertThat(new TagFilter(Set.of(), Set.of("db")).runs(Set.of("db", "web"))).isFalse();
        assertThat(new TagFilter(Set.of(), Set.of("always")).runs(Set.of("always"))).isFalse();
        assertThat(new TagFilter(Set.of("tagged"), Set.of()).runs(Set.of("x"))).isTrue();
        assertThat(new TagFilter(Set.of("untagged"), Set.of()).runs(Set.of("x"))).isFalse();
    }
}
