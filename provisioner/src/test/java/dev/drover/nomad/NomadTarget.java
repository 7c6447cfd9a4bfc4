package dev.drover.nomad;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The Nomad the contract tests talk to: a real one when NOMAD_ADDR is set (with the rest of
 * the NOMAD_* environment), otherwise a {@link NomadDouble} started for the test class.
 */
public final class NomadTarget implements AutoCloseable {

    private final NomadDouble double_;
    private final Map<String, String> environment;

    private NomadTarget(NomadDouble double_, Map<String, String> environment) {
        this.double_ = double_;
        this.environment = environment;
    }

    public static NomadTarget start() {
        Map<String, String> environment = new HashMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("NOMAD_")) {
                environment.put(k, v);
            }
        });
        if (environment.containsKey("NOMAD_ADDR")) {
            return new NomadTarget(null, environment);
        }
        try {
            NomadDouble started = new NomadDouble();
            environment.put("NOMAD_ADDR", started.address().toString());
            return new NomadTarget(started, environment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isReal() {
        return double_ == null;
    }

    /** The NOMAD_* variables a command run against this target sees. */
    public Map<String, String> environment() {
        return environment;
    }

    public NomadClient client() {
        return new NomadClient(NomadSettings.fromEnvironment(environment));
    }

    @Override
    public void close() {
        if (double_ != null) {
            double_.close();
        }
    }
}
