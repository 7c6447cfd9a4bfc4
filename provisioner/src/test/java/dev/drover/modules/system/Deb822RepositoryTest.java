package dev.drover.modules.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.modules.ModuleArgs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deb822_repository's file name and stanza, in the order and spelling Ansible writes them. */
class Deb822RepositoryTest {

    @Test
    void theFileIsNamedAfterASlugOfTheName() {
        assertThat(Deb822Repository.slug("Docker CE_stable!")).isEqualTo("docker-ce-stable");
    }

    @Test
    void fieldsComeInArgumentOrderWithAnsiblesNames() {
        ModuleArgs args = ModuleArgs.validate("deb822_repository", new Deb822Repository().spec(), Map.of(
                "name", "example", "uris", "http://deb.example.com/debian", "suites", List.of("bookworm"),
                "components", List.of("main", "contrib"), "signed_by", "/etc/apt/keyrings/example.asc",
                "enabled", false, "check_valid_until", true, "architectures", List.of("amd64")));
        assertThat(Deb822Repository.render(args)).isEqualTo("Architectures: amd64\n"
                + "Check-Valid-Until: yes\n"
                + "Components: main contrib\n"
                + "Enabled: no\n"
                + "X-Repolib-Name: example\n"
                + "Signed-By: /etc/apt/keyrings/example.asc\n"
                + "Suites: bookworm\n"
                + "Types: deb\n"
                + "URIs: http://deb.example.com/debian\n");
    }

    @Test
    void inlineKeysAreContinuationLines() {
        assertThat(Deb822Repository.multiline("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nabc\n-----END PGP PUBLIC KEY BLOCK-----\n"))
                .isEqualTo("\n    -----BEGIN PGP PUBLIC KEY BLOCK-----\n    .\n    abc\n    -----END PGP PUBLIC KEY BLOCK-----");
    }
}
