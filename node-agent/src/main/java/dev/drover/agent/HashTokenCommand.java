package dev.drover.agent;

import dev.drover.agent.web.TokenCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code drover-agent hash-token}: reads a token on stdin and prints the SHA-256 the config wants. */
@Command(name = "hash-token", mixinStandardHelpOptions = true,
        description = {"Reads an API token on standard input and prints its SHA-256 (hex), for auth.tokens[].sha256.",
                "Example: head -c 32 /dev/urandom | base64 | tee token.txt | drover-agent hash-token"})
final class HashTokenCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        String token = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            System.err.println("drover-agent hash-token: no token on standard input");
            return 2;
        }
        System.out.println(HexFormat.of().formatHex(TokenCheck.sha256(token)));
        return 0;
    }
}
