package dev.drover.nomad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the double: retries, errors, blocking queries. Double-only (it injects faults). */
class NomadClientTest {

    private static final Retry QUICK = new Retry(3, Duration.ofMillis(10), Duration.ofMillis(40));

    private NomadDouble nomad;
    private NomadClient client;

    @BeforeEach
    void start() throws IOException {
        nomad = new NomadDouble();
        client = new NomadClient(NomadSettings.at(nomad.address()), QUICK);
    }

    @AfterEach
    void stop() {
        nomad.close();
    }

    static ObjectNode job(String id, String command, int memory) {
        ObjectNode job = NomadDouble.object();
        job.put("ID", id);
        job.put("Name", id);
        job.put("Type", "service");
        job.putArray("Datacenters").add("dc1");
        ObjectNode group = job.putArray("TaskGroups").addObject();
        group.put("Name", id);
        group.put("Count", 1);
        ObjectNode task = group.putArray("Tasks").addObject();
        task.put("Name", "main");
        task.put("Driver", "raw_exec");
        task.putObject("Config").put("command", command);
        task.putObject("Resources").put("CPU", 100).put("MemoryMB", memory);
        return job;
    }

    @Test
    void retriesA5xxAndThenSucceeds() {
        nomad.failNextRequests(2);
        assertThat(client.nodes()).hasSize(3);
    }

    @Test
    void givesUpAfterTheBoundedNumberOfTriesWithNomadsText() {
        nomad.failNextRequests(10);
        long started = System.nanoTime();
        assertThatThrownBy(() -> client.nodes())
                .isInstanceOf(NomadError.class)
                .hasMessageContaining("Nomad failed (500): rpc error: No cluster leader")
                .hasMessageContaining("after 3 tries")
                .satisfies(e -> assertThat(((NomadError) e).status()).isEqualTo(500));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        nomad.failNextRequests(0);
        assertThat(client.nodes()).as("the client is usable again once Nomad recovers").hasSize(3);
    }

    @Test
    void connectionRefusedIsRetriedThenReportedWithTheAddress() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        NomadClient nowhere = new NomadClient(NomadSettings.at(URI.create("http://127.0.0.1:" + port)), QUICK);
        assertThatThrownBy(nowhere::nodes)
                .isInstanceOf(NomadError.class)
                .hasMessageContaining("cannot reach Nomad at http://127.0.0.1:" + port)
                .hasMessageContaining("after 3 tries");
    }

    @Test
    void a4xxIsNotRetriedAndCarriesNomadsMessage() {
        client.register(job("api", "sleep", 100), OptionalLong.empty());
        assertThatThrownBy(() -> client.register(job("api", "sleep", 200), OptionalLong.of(0)))
                .isInstanceOf(NomadError.class)
                .hasMessageContaining("Nomad refused it (400): Enforcing job modify index 0: job already exists")
                .satisfies(e -> assertThat(((NomadError) e).status()).isEqualTo(400));
        assertThatThrownBy(() -> client.job("missing"))
                .hasMessageContaining("(404): job not found");
        assertThat(client.jobOrNull("missing")).isNull();
    }

    @Test
    void checkIndexRegistersOnlyOverTheSameVersion() {
        JsonNode first = client.register(job("api", "sleep", 100), OptionalLong.of(0));
        long index = first.get("JobModifyIndex").asLong();
        JsonNode second = client.register(job("api", "sleep", 150), OptionalLong.of(index));
        assertThat(second.get("JobModifyIndex").asLong()).isGreaterThan(index);
        assertThatThrownBy(() -> client.register(job("api", "sleep", 200), OptionalLong.of(index)))
                .hasMessageContaining("job exists with conflicting job modify index: " + second.get("JobModifyIndex").asLong());
    }

    @Test
    void blockingQueryWaitsForTheNextIndexAndReturnsIt() {
        JsonNode registered = client.register(job("api", "sleep", 100), OptionalLong.empty());
        String evalId = registered.get("EvalID").asText();
        Indexed pending = client.evaluation(evalId, 0, Duration.ZERO);
        assertThat(pending.index()).isPositive();
        Indexed later = client.evaluation(evalId, pending.index(), Duration.ofSeconds(5));
        assertThat(later.index()).isGreaterThan(pending.index());
        // nothing more happens after the deployment settles: a blocking read returns when its wait runs out
        Indexed settled = client.evaluation(evalId, later.index() + 100, Duration.ofMillis(200));
        assertThat(settled.body().get("Status").asText()).isEqualTo("complete");
    }

    @Test
    void namespaceRegionAndTokenGoOnEveryRequest() throws IOException {
        try (RecordingServer recorder = new RecordingServer()) {
            NomadSettings settings = NomadSettings.fromEnvironment(Map.of("NOMAD_ADDR", recorder.address(),
                    "NOMAD_TOKEN", "s3cret", "NOMAD_NAMESPACE", "ml", "NOMAD_REGION", "eu"));
            new NomadClient(settings, QUICK).nodes();
            assertThat(recorder.lastQuery()).isEqualTo("namespace=ml&region=eu");
            assertThat(recorder.lastToken()).isEqualTo("s3cret");
        }
    }

    @Test
    void jsonJobFilesMayWrapTheJobOrNot() {
        ObjectNode bare = job("api", "sleep", 100);
        ObjectNode wrapped = NomadDouble.object();
        wrapped.set("Job", bare);
        assertThat(NomadClient.jobOfJsonFile(wrapped)).isSameAs(bare);
        assertThat(NomadClient.jobOfJsonFile(bare)).isSameAs(bare);
    }

    @Test
    void variablesAreSentAsHclStringsWithTemplateSequencesEscaped() {
        assertThat(JobVariables.asHcl(Map.of("image", "a\"b ${x}")))
                .isEqualTo("image = \"a\\\"b $${x}\"\n");
    }
}
