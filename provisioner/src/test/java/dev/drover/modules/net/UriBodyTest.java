package dev.drover.modules.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** uri's body encodings, as Python's json.dumps and urlencode write them. */
class UriBodyTest {

    @Test
    void jsonLikePython() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "drover");
        body.put("count", 3);
        body.put("tags", List.of("a", "b"));
        body.put("enabled", true);
        body.put("none", null);
        assertThat(UriBody.encode(body, "json"))
                .isEqualTo("{\"name\": \"drover\", \"count\": 3, \"tags\": [\"a\", \"b\"], \"enabled\": true, \"none\": null}");
        assertThat(UriBody.encode("{\"as\": \"is\"}", "json")).isEqualTo("{\"as\": \"is\"}");
        assertThat(UriBody.contentType("json")).isEqualTo("application/json");
    }

    @Test
    void formsLikeUrlencode() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", "jane doe");
        body.put("note", "a&b=c ~*");
        body.put("ok", true);
        assertThat(UriBody.encode(body, "form-urlencoded")).isEqualTo("user=jane+doe&note=a%26b%3Dc+~%2A&ok=True");
        assertThat(UriBody.encode(List.of(List.of("k", "v 1"), List.of("k", "é")), "form-urlencoded"))
                .isEqualTo("k=v+1&k=%C3%A9");
        assertThat(UriBody.contentType("form-urlencoded")).isEqualTo("application/x-www-form-urlencoded");
        assertThatThrownBy(() -> UriBody.encode(List.of("lonely"), "form-urlencoded"))
                .hasMessageStartingWith("failed to parse body as form_urlencoded");
    }

    @Test
    void rawAsText() {
        assertThat(UriBody.encode("plain", "raw")).isEqualTo("plain");
        assertThat(UriBody.encode(null, "raw")).isNull();
        assertThat(UriBody.contentType("raw")).isNull();
    }
}
