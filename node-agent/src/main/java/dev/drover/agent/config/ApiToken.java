package dev.drover.agent.config;

import java.util.HexFormat;

/** A token as configured: only the SHA-256 of its secret is ever held, never the secret. */
public record ApiToken(String name, byte[] sha256, Role role) {

    public ApiToken {
        sha256 = sha256.clone();
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public String toString() {
        return "ApiToken[" + name + ", " + role.label() + ", sha256=" + HexFormat.of().formatHex(sha256) + "]";
    }
}
