package dev.drover.nomad;

import dev.drover.UserError;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how to reach Nomad, read from the same environment variables the nomad CLI uses,
 * so a shell already set up for {@code nomad} works for {@code drover nomad} unchanged.
 */
public record NomadSettings(URI address, Optional<String> token, Optional<String> namespace,
                            Optional<String> region, Optional<Path> caCert, Optional<Path> clientCert,
                            Optional<Path> clientKey, boolean skipVerify) {

    public static final String DEFAULT_ADDRESS = "http://127.0.0.1:4646";

    public static NomadSettings fromEnvironment(Map<String, String> environment) {
        String address = value(environment, "NOMAD_ADDR").orElse(DEFAULT_ADDRESS);
        if (!address.startsWith("http://") && !address.startsWith("https://")) {
            throw new UserError("NOMAD_ADDR must start with http:// or https://: " + address, null,
                    "set it like http://127.0.0.1:4646");
        }
        URI uri;
        try {
            uri = URI.create(address.endsWith("/") ? address.substring(0, address.length() - 1) : address);
        } catch (IllegalArgumentException e) {
            throw new UserError("NOMAD_ADDR is not a URL: " + address, null, "set it like http://127.0.0.1:4646");
        }
        if (uri.getHost() == null) {
            throw new UserError("NOMAD_ADDR has no host: " + address, null, "set it like http://127.0.0.1:4646");
        }
        Optional<Path> clientCert = value(environment, "NOMAD_CLIENT_CERT").map(Path::of);
        Optional<Path> clientKey = value(environment, "NOMAD_CLIENT_KEY").map(Path::of);
        if (clientCert.isPresent() != clientKey.isPresent()) {
            throw new UserError("NOMAD_CLIENT_CERT and NOMAD_CLIENT_KEY go together: set both or neither");
        }
        return new NomadSettings(uri, value(environment, "NOMAD_TOKEN"), value(environment, "NOMAD_NAMESPACE"),
                value(environment, "NOMAD_REGION"), value(environment, "NOMAD_CACERT").map(Path::of),
                clientCert, clientKey, truthy(value(environment, "NOMAD_SKIP_VERIFY").orElse("")));
    }

    public static NomadSettings at(URI address) {
        return new NomadSettings(address, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false);
    }

    public boolean usesTls() {
        return address.getScheme().equals("https");
    }

    private static Optional<String> value(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Nomad reads NOMAD_SKIP_VERIFY with Go's strconv.ParseBool. */
    private static boolean truthy(String value) {
        return switch (value.toLowerCase()) {
            case "1", "t", "true" -> true;
            default -> false;
        };
    }
}
