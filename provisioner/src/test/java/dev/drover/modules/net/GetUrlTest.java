package dev.drover.modules.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.drover.modules.LocalFiles;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.LocalConnection;
import dev.drover.transport.Target;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * get_url on this machine as the host, from a web server on loopback: with curl, and with
 * wget when curl is not on the PATH (the fallback the lab's hosts never exercise).
 */
class GetUrlTest {

    @TempDir
    Path dir;
    HttpServer server;
    String base;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/file.txt", exchange -> {
            byte[] body = "downloaded\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ModuleResult run(Map<String, String> environment, Map<String, Object> args) throws IOException {
        GetUrl module = new GetUrl();
        Target target = new Target(new LocalConnection("localhost"), null, environment);
        LocalFiles files = (kind, name) -> Optional.empty();
        ModuleContext context = new ModuleContext(target, false, false, files, null);
        return module.run(ModuleArgs.validate("get_url", module.spec(), new LinkedHashMap<>(args)), context);
    }

    private void downloadsOnceThenNot(Map<String, String> environment) throws IOException {
        Path dest = dir.resolve("file.txt");
        Map<String, Object> args = Map.of("url", base + "/file.txt", "dest", dest.toString(), "mode", "0640");
        ModuleResult first = run(environment, args);
        assertThat(first.isFailed()).as(first.toString()).isFalse();
        assertThat(first.isChanged()).isTrue();
        assertThat(Files.readString(dest)).isEqualTo("downloaded\n");
        assertThat(first.get("status_code")).isEqualTo(200);
        assertThat(first.get("msg")).isEqualTo("OK (11 bytes)");
        assertThat(first.get("mode")).isEqualTo("0640");
        ModuleResult again = run(environment, args);
        assertThat(again.isChanged()).isFalse();
        assertThat(again.get("checksum_src")).isEqualTo(again.get("checksum_dest"));
        ModuleResult missing = run(environment, Map.of("url", base + "/missing", "dest", dir.resolve("m").toString()));
        assertThat(missing.isFailed()).isTrue();
        assertThat(missing.msg()).isEqualTo("Request failed");
        assertThat(missing.get("status_code")).isEqualTo(404);
    }

    @Test
    void withCurl() throws IOException {
        downloadsOnceThenNot(Map.of());
    }

    @Test
    void withWgetWhenThereIsNoCurl() throws IOException {
        // A PATH with every program of this machine but curl.
        Path bin = Files.createDirectories(dir.resolve("bin-without-curl"));
        for (String folder : new String[] {"/usr/bin", "/bin"}) {
            try (Stream<Path> programs = Files.list(Path.of(folder))) {
                for (Path program : (Iterable<Path>) programs::iterator) {
                    Path link = bin.resolve(program.getFileName().toString());
                    if (!program.getFileName().toString().equals("curl") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, program);
                    }
                }
            }
        }
        downloadsOnceThenNot(Map.of("PATH", bin.toString()));
    }
}
