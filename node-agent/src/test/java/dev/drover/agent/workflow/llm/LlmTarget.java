package dev.drover.agent.workflow.llm;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * The server the client tests talk to: a real llama-server when LLAMA_SERVER_URL is set (model
 * from LLAMA_SERVER_MODEL, per-endpoint timeout from LLAMA_SERVER_TIMEOUT_S, default 120), else an
 * {@link OpenAiDouble}. Either way the tests run; the target is printed so a log says which it was.
 * Failing endpoints in failover tests are always doubles (or a closed port): a real server cannot
 * be told to fail.
 */
final class LlmTarget implements AutoCloseable {

    private final URI uri;
    private final String model;
    private final Duration timeout;
    private final OpenAiDouble double_;

    private LlmTarget(URI uri, String model, Duration timeout, OpenAiDouble double_) {
        this.uri = uri;
        this.model = model;
        this.timeout = timeout;
        this.double_ = double_;
    }

    static LlmTarget open() throws IOException {
        String real = System.getenv("LLAMA_SERVER_URL");
        if (real != null && !real.isBlank()) {
            String timeout = System.getenv().getOrDefault("LLAMA_SERVER_TIMEOUT_S", "120");
            System.out.println("llm tests: target is the real llama-server at " + real);
            return new LlmTarget(URI.create(real.trim()), System.getenv("LLAMA_SERVER_MODEL"),
                    Duration.ofSeconds(Long.parseLong(timeout)), null);
        }
        OpenAiDouble double_ = new OpenAiDouble();
        System.out.println("llm tests: target is the OpenAI double at " + double_.url() + " (set LLAMA_SERVER_URL for a real llama-server)");
        return new LlmTarget(URI.create(double_.url()), null, Duration.ofSeconds(2), double_);
    }

    URI uri() {
        return uri;
    }

    /** Null for the double and for a real server started with one model, where none is needed. */
    String model() {
        return model;
    }

    /** Long enough for the target to answer a short question. */
    Duration timeout() {
        return timeout;
    }

    boolean isReal() {
        return double_ == null;
    }

    @Override
    public void close() {
        if (double_ != null) {
            double_.close();
        }
    }
}
