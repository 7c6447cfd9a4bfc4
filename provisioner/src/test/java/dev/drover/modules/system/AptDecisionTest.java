package dev.drover.modules.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The apt module's pure parts: version order, package specs, dpkg and apt-cache output, and what to install or remove. */
class AptDecisionTest {

    @Test
    void debianVersionsOrderAsDpkgOrdersThem() {
        assertThat(DebianVersion.compare("1.0", "1.0")).isZero();
        assertThat(DebianVersion.compare("1.0-1", "1.0-2")).isNegative();
        assertThat(DebianVersion.compare("1.10", "1.9")).isPositive();
        assertThat(DebianVersion.compare("1.0~rc1", "1.0")).isNegative();
        assertThat(DebianVersion.compare("1:0.9", "2.0")).isPositive();
        assertThat(DebianVersion.compare("2.1.0-1", "2.1.0-1+b1")).isNegative();
        assertThat(DebianVersion.compare("1.0a", "1.0+")).isNegative();
        assertThat(DebianVersion.compare("1.01", "1.1")).isZero();
    }

    @Test
    void specsSplitLikeAnsible() throws Exception {
        assertThat(AptPackageSpec.parse("tree")).isEqualTo(new AptPackageSpec("tree", "tree", null, null));
        assertThat(AptPackageSpec.parse("tree=2.1*")).isEqualTo(new AptPackageSpec("tree=2.1*", "tree", "=", "2.1*"));
        assertThat(AptPackageSpec.parse("tree>=2.0")).isEqualTo(new AptPackageSpec("tree>=2.0", "tree", ">=", "2.0"));
        assertThatThrownBy(() -> AptPackageSpec.parse("tree=1=2")).hasMessage("invalid package spec: tree=1=2");
    }

    @Test
    void versionPatternsAreShellGlobs() throws Exception {
        AptPackageSpec spec = AptPackageSpec.parse("tree=2.1*");
        assertThat(spec.accepts("2.1.0-1")).isTrue();
        assertThat(spec.accepts("2.0.4-1")).isFalse();
        assertThat(AptPackageSpec.parse("tree=2.1.?-[0-9]").accepts("2.1.0-1")).isTrue();
        assertThat(AptPackageSpec.parse("tree>=2.0").accepts("2.1.0-1")).isTrue();
        assertThat(AptPackageSpec.parse("tree>=3").accepts("2.1.0-1")).isFalse();
    }

    static final String DPKG = "T 1795277474\n"
            + "P tree\tinstall ok installed\t2.1.0-1\n"
            + "P nano\tdeinstall ok config-files\t7.2-1\n"
            + "P sl\tunknown ok not-installed\t\n"
            + "A tree\nA libgpm2\n";

    static final String POLICY = "tree:\n  Installed: 2.1.0-1\n  Candidate: 2.1.0-2\n  Version table:\n"
            + "     2.1.0-2 500\n        500 http://deb.debian.org/debian bookworm/main amd64 Packages\n"
            + " *** 2.1.0-1 100\n        100 /var/lib/dpkg/status\n"
            + "sl:\n  Installed: (none)\n  Candidate: 5.02-1+b1\n  Version table:\n"
            + "     5.02-1+b1 500\n        500 http://deb.debian.org/debian bookworm/main amd64 Packages\n"
            + "mail-transport-agent:\n  Installed: (none)\n  Candidate: (none)\n  Version table:\n";

    @Test
    void dpkgQueryOutputIsParsed() {
        DpkgState state = DpkgState.parse(DPKG);
        assertThat(state.cacheTime()).isEqualTo(1795277474L);
        assertThat(state.get("tree").installed()).isTrue();
        assertThat(state.get("tree").version()).isEqualTo("2.1.0-1");
        assertThat(state.get("nano").installed()).isFalse();
        assertThat(state.get("nano").hasFiles()).isTrue();
        assertThat(state.get("sl").hasFiles()).isFalse();
        assertThat(state.get("never-heard-of").status()).isEqualTo("not-installed");
        assertThat(state.automaticAmong(List.of("tree", "sl"))).containsExactly("tree");
    }

    @Test
    void aptCachePolicyGivesCandidatesAndVersionsHighestFirst() throws Exception {
        AptPolicy policy = AptPolicy.parse(POLICY);
        assertThat(policy.get("tree").candidate()).isEqualTo("2.1.0-2");
        assertThat(policy.get("tree").versions()).containsExactly("2.1.0-2", "2.1.0-1");
        assertThat(policy.get("mail-transport-agent").candidate()).isNull();
        assertThat(policy.bestMatch(AptPackageSpec.parse("tree=2.1.0-1"))).isEqualTo("2.1.0-1");
        assertThat(policy.bestMatch(AptPackageSpec.parse("tree=9*"))).isNull();
    }

    @Test
    void presentInstallsOnlyWhatIsMissing() throws Exception {
        DpkgState dpkg = DpkgState.parse(DPKG);
        AptPolicy policy = AptPolicy.parse(POLICY);
        List<AptPackageSpec> specs = List.of(AptPackageSpec.parse("tree"), AptPackageSpec.parse("sl"));
        assertThat(AptPlan.needsPolicy(List.of(AptPackageSpec.parse("tree")), dpkg, false)).isFalse();
        assertThat(AptPlan.needsPolicy(specs, dpkg, false)).isTrue();
        assertThat(AptPlan.install(specs, dpkg, policy, false, false)).containsExactly("'sl=5.02-1+b1'");
        assertThat(AptPlan.install(specs, dpkg, policy, true, false)).containsExactly("'tree=2.1.0-2'", "'sl=5.02-1+b1'");
        assertThat(AptPlan.install(specs, dpkg, policy, false, true)).isEmpty();
    }

    @Test
    void versionsAndMissingPackagesFailWithAnsiblesMessages() throws Exception {
        DpkgState dpkg = DpkgState.parse(DPKG);
        AptPolicy policy = AptPolicy.parse(POLICY);
        assertThat(AptPlan.install(List.of(AptPackageSpec.parse("tree=2.1.0-2")), dpkg, policy, false, false))
                .containsExactly("'tree=2.1.0-2'");
        assertThatThrownBy(() -> AptPlan.install(List.of(AptPackageSpec.parse("tree=9.9")), dpkg, policy, false, false))
                .hasMessage("no available installation candidate for tree=9.9");
        assertThatThrownBy(() -> AptPlan.install(List.of(AptPackageSpec.parse("nope")), dpkg, policy, false, false))
                .hasMessage("No package matching 'nope' is available");
        assertThat(AptPlan.install(List.of(AptPackageSpec.parse("mail-transport-agent")), dpkg, policy, false, false))
                .containsExactly("'mail-transport-agent'");
    }

    @Test
    void absentRemovesInstalledPackagesAndPurgesLeftovers() throws Exception {
        DpkgState dpkg = DpkgState.parse(DPKG);
        List<AptPackageSpec> specs = List.of(AptPackageSpec.parse("tree"), AptPackageSpec.parse("nano"),
                AptPackageSpec.parse("sl"));
        assertThat(AptPlan.remove(specs, dpkg, false)).containsExactly("'tree'");
        assertThat(AptPlan.remove(specs, dpkg, true)).containsExactly("'tree'", "'nano'");
        assertThat(AptPlan.remove(List.of(AptPackageSpec.parse("tree=1.0")), dpkg, false)).isEmpty();
    }

    @Test
    void dpkgOptionsAndDiffAreAnsibles() {
        assertThat(Apt.dpkgOptions("force-confdef,force-confold"))
                .isEqualTo("-o \"Dpkg::Options::=--force-confdef\" -o \"Dpkg::Options::=--force-confold\"");
        String out = "Reading package lists...\nBuilding dependency tree...\nReading state information...\n"
                + "The following NEW packages will be installed:\n  sl\n0 upgraded, 1 newly installed, 0 to remove.\nGet:1 x\n";
        assertThat(AptOutput.prepared(out)).containsEntry("prepared",
                "The following NEW packages will be installed:\n  sl\n0 upgraded, 1 newly installed, 0 to remove.");
    }
}
