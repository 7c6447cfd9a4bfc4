package dev.drover.agent.config;

import dev.drover.UserError;
import dev.drover.nomad.NomadSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code nomad:} section. Each key left out falls back to the nomad CLI's variable
 * (address to NOMAD_ADDR, token to NOMAD_TOKEN...), so an agent started from a shell set up for
 * {@code nomad} needs only {@code nomad: {}}. No section at all: Nomad is not configured here.
 */
final class NomadConfigReader {

    /** Config key to the nomad CLI's environment variable it overrides. */
    private static final Map<String, String> KEYS = Map.of(
            "address", "NOMAD_ADDR", "token", "NOMAD_TOKEN", "namespace", "NOMAD_NAMESPACE", "region", "NOMAD_REGION",
            "ca_cert", "NOMAD_CACERT", "client_cert", "NOMAD_CLIENT_CERT", "client_key", "NOMAD_CLIENT_KEY",
            "skip_verify", "NOMAD_SKIP_VERIFY");
    private static final Set<String> PATHS = Set.of("ca_cert", "client_cert", "client_key");

    private NomadConfigReader() {
    }

    static Optional<AgentConfig.Nomad> read(Section root, Path base, Map<String, String> environment, String hostName) {
        if (!root.has("nomad")) {
            return Optional.empty();
        }
        Section nomad = root.section("nomad");
        Set<String> allowed = new java.util.HashSet<>(KEYS.keySet());
        allowed.add("node");
        nomad.allowOnly(allowed);
        Map<String, String> merged = new HashMap<>(environment);
        for (Map.Entry<String, String> key : KEYS.entrySet()) {
            if (!nomad.has(key.getKey())) {
                continue;
            }
            String value = key.getKey().equals("skip_verify") ? Boolean.toString(nomad.bool("skip_verify", false))
                    : nomad.string(key.getKey(), null);
            merged.put(key.getValue(), PATHS.contains(key.getKey()) ? base.resolve(value).normalize().toString() : value);
        }
        NomadSettings settings;
        try {
            settings = NomadSettings.fromEnvironment(merged);
        } catch (UserError e) {
            throw new UserError("'nomad': " + e.getMessage().replace("NOMAD_ADDR", "the address (nomad.address or NOMAD_ADDR)"),
                    nomad.has("address") ? nomad.at("address") : nomad.location(), "set nomad.address like http://127.0.0.1:4646");
        }
        return Optional.of(new AgentConfig.Nomad(settings, nomad.string("node", hostName)));
    }
}
