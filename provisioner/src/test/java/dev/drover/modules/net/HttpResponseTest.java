package dev.drover.modules.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the url modules make of curl's report: status, message, final URL, headers of the last response. */
class HttpResponseTest {

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void theLastResponseAfterARedirect() {
        String headers = "HTTP/1.1 302 Found\r\nLocation: /json\r\nContent-length: 6\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-type: application/json\r\nContent-length: 62\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n";
        HttpResponse response = HttpResponse.parse(List.of("Q curl 0 200 http://h/json", "E ", "N " + b64(headers)),
                "http://h/redirect");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.msg()).isEqualTo("OK (62 bytes)");
        assertThat(response.url()).isEqualTo("http://h/json");
        assertThat(response.headers()).containsEntry("content-type", "application/json")
                .containsEntry("set-cookie", "a=1, b=2").doesNotContainKey("location");
    }

    @Test
    void errorsInPythonsWords() {
        String headers = "HTTP/1.1 404 Not Found\r\nContent-length: 10\r\n\r\n";
        HttpResponse missing = HttpResponse.parse(List.of("Q curl 0 404 http://h/x", "N " + b64(headers)), "http://h/x");
        assertThat(missing.msg()).isEqualTo("HTTP Error 404: Not Found");
        HttpResponse refused = HttpResponse.parse(List.of("Q curl 7 000 http://h/", "E curl: (7) Failed", "N "), "http://h/");
        assertThat(refused.status()).isEqualTo(-1);
        assertThat(refused.msg()).isEqualTo("Request failed: <urlopen error [Errno 111] Connection refused>");
        HttpResponse slow = HttpResponse.parse(List.of("Q curl 28 000 http://h/", "N "), "http://h/");
        assertThat(slow.msg()).isEqualTo("Connection failure: timed out");
        assertThat(HttpResponse.parse(List.of("Q none", "N "), "http://h/").noTool()).isTrue();
    }

    @Test
    void wgetsServerResponse() {
        String stderr = "  HTTP/1.1 200 OK\n  Content-Length: 12\n  Content-Type: text/plain\n";
        HttpResponse ok = HttpResponse.parse(List.of("Q wget 0", "N " + b64(stderr)), "http://h/f");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.msg()).isEqualTo("OK (12 bytes)");
        assertThat(ok.headers()).containsEntry("content-type", "text/plain");
    }

    @Test
    void absoluteLocationWithAnsiblesQuirk() {
        assertThat(Uri.absoluteLocation("http://h:1/redirect?to=/json", "/json")).isEqualTo("http://h:1?to=/json/json");
        assertThat(Uri.absoluteLocation("http://h/a/b", "c")).isEqualTo("http://h/a/c");
        assertThat(Uri.absoluteLocation("http://h/a", "https://x/y")).isEqualTo("https://x/y");
    }
}
