package dev.drover.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleArgsTest {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.path("path").aliases("dest", "name").mandatory(),
            Arg.str("line"),
            Arg.bool("create", false),
            Arg.str("state").defaultsTo("present").choices("present", "absent"));

    @Test
    void unsupportedParametersAreNamedWithWhatIsSupportedAsAnsibleSaysIt() {
        assertThatThrownBy(() -> ModuleArgs.validate("lineinfile", SPEC, Map.of("path", "/x", "lien", "y")))
                .isInstanceOf(ArgumentError.class)
                .hasMessage("Unsupported parameters for (lineinfile) module: lien. Supported parameters include:"
                        + " create, line, path (dest, name), state.");
    }

    @Test
    void aliasesFoldIntoTheCanonicalNameAndDefaultsFillIn() {
        ModuleArgs args = ModuleArgs.validate("lineinfile", SPEC, Map.of("dest", "/etc/x", "create", "YES"));
        assertThat(args.string("path")).isEqualTo("/etc/x");
        assertThat(args.bool("create")).isTrue();
        assertThat(args.string("state")).isEqualTo("present");
        assertThat(args.given("state")).isFalse();
    }

    @Test
    void aBooleanGivenToATextArgumentReadsAsPythonWritesIt() {
        assertThat(ModuleArgs.validate("lineinfile", SPEC, Map.of("path", "/x", "line", true)).string("line")).isEqualTo("True");
    }

    @Test
    void requiredChoicesAndBadBooleansFailClearly() {
        assertThatThrownBy(() -> ModuleArgs.validate("lineinfile", SPEC, Map.of("line", "x")))
                .hasMessage("missing required arguments: path");
        assertThatThrownBy(() -> ModuleArgs.validate("lineinfile", SPEC, Map.of("path", "/x", "state", "gone")))
                .hasMessageContaining("value of state must be one of: present, absent, got: gone");
        assertThatThrownBy(() -> ModuleArgs.validate("lineinfile", SPEC, Map.of("path", "/x", "create", "maybe")))
                .hasMessageContaining("The value 'maybe' is not a valid boolean");
    }
}
