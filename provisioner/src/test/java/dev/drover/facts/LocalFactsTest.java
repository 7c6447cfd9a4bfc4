package dev.drover.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalFactsTest {

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonIniAndScriptsByNameWithAnsiblesErrorTexts() {
        RawFacts raw = new Sections()
                .section("local_dir", "")
                .section("local:/etc/ansible/facts.d/app.fact", b64("{\"role\": \"web\", \"ports\": [80, 443]}\n"))
                .section("local:/etc/ansible/facts.d/broken.fact", b64("neither = json\nnor ini\n"))
                .section("localx:0:/etc/ansible/facts.d/run.fact", b64("{\"from\": \"script\"}"))
                .section("localerr:/etc/ansible/facts.d/run.fact", "")
                .section("localx:3:/etc/ansible/facts.d/fails.fact", "")
                .section("localerr:/etc/ansible/facts.d/fails.fact", b64("oops\n"))
                .raw();
        List<String> warnings = new ArrayList<>();

        Map<String, Object> local = LocalFacts.describe(raw, warnings);

        assertThat(local).containsEntry("app", Map.of("role", "web", "ports", List.of(80, 443)))
                .containsEntry("broken", "error loading facts as JSON or ini - please check content: /etc/ansible/facts.d/broken.fact")
                .containsEntry("run", Map.of("from", "script"))
                .containsEntry("fails", "Failure executing fact script (/etc/ansible/facts.d/fails.fact), rc: 3, err: oops\n");
        assertThat(warnings).hasSize(2);
    }

    @Test
    void iniAsConfigParserReadsIt() {
        Map<String, Object> ini = IniText.parse("""
                [DEFAULT]
                zone = eu

                [site]
                Name = parity
                url: https://%(name)s.example/%%
                ; comment
                # comment
                multi = one
                  two
                [db]
                port=5432
                """);

        assertThat(ini).containsEntry("site", Map.of("name", "parity", "url", "https://parity.example/%", "multi", "one\ntwo", "zone", "eu"))
                .containsEntry("db", Map.of("port", "5432", "zone", "eu"));
        assertThat(IniText.parse("")).isEmpty();
    }

    @Test
    void textThatIsNotIni() {
        assertThatThrownBy(() -> IniText.parse("key = value before any section\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IniText.parse("[a]\njust words\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IniText.parse("[a]\nx = 1\n[a]\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonText.parse("{\"a\": 1} trailing")).isInstanceOf(IllegalArgumentException.class);
    }
}
