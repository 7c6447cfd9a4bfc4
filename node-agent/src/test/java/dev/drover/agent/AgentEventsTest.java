package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live stream the page listens to: a "status" event on connect, a "checks" event after a run. */
class AgentEventsTest {

    @Test
    void aRunIsPushedAsAChecksEvent(@TempDir Path dir) throws Exception {
        AgentFixture.checkFile(dir, "c.yml", "command:\n  hello:\n    exec: \"echo hi\"\n    exit-status: 0\n");
        try (AgentFixture fixture = AgentFixture.start(dir, "checks:\n  - {path: c.yml, interval: 1h}\n")) {
            waitFor(() -> fixture.agent.files().allRan(), Duration.ofSeconds(10)); // the start-up run is not what we wait for
            HttpRequest request = HttpRequest.newBuilder(fixture.uri("/api/v1/events")).header("Accept", "text/event-stream").build();
            HttpResponse<java.io.InputStream> response = fixture.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
            List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            CompletableFuture<String> checksData = CompletableFuture.supplyAsync(() -> {
                try {
                    String event = null;
                    for (String line; (line = reader.readLine()) != null; ) {
                        if (line.startsWith("event:")) {
                            event = line.substring(6).trim();
                            events.add(event);
                        } else if (line.startsWith("data:") && "checks".equals(event)) {
                            return line.substring(5).trim();
                        }
                    }
                    return null;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            waitFor(() -> events.contains("status"), Duration.ofSeconds(15));
            assertThat(fixture.runNow().statusCode()).isEqualTo(200);
            String data = checksData.get(10, TimeUnit.SECONDS);
            assertThat(events).startsWith("status");
            var entry = fixture.json.readTree(data);
            assertThat(entry.path("file").asText()).endsWith("c.yml");
            assertThat(entry.path("healthy").asBoolean()).isTrue();
            assertThat(entry.path("results").get(0).path("id").asText()).isEqualTo("hello");
            response.body().close();
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + limit);
            }
            Thread.sleep(20);
        }
    }
}
