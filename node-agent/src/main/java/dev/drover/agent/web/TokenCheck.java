package dev.drover.agent.web;

import dev.drover.agent.config.ApiToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Finds the configured token a presented secret belongs to. Only hashes are held; the
 * comparison is constant-time and visits every token, so timing says nothing about which
 * tokens exist or how much of a hash matched.
 */
public final class TokenCheck {

    private final List<ApiToken> tokens;

    public TokenCheck(List<ApiToken> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    public Optional<ApiToken> find(String secret) {
        byte[] presented = sha256(secret);
        ApiToken match = null;
        for (ApiToken token : tokens) {
            if (MessageDigest.isEqual(presented, token.sha256())) {
                match = token;
            }
        }
        return Optional.ofNullable(match);
    }

    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
