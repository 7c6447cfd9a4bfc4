package dev.drover.agent.workflow.llm;

import java.util.List;

/** One turn of a chat: OpenAI's message object with a plain-text {@code content}. */
public record ChatMessage(String role, String content) {

    static final List<String> ROLES = List.of("system", "user", "assistant", "developer", "tool");

    public ChatMessage {
        if (role == null || !ROLES.contains(role)) {
            throw new IllegalArgumentException("a message's role must be one of " + ROLES + ", not " + role);
        }
        if (content == null) {
            throw new IllegalArgumentException("a " + role + " message needs a content");
        }
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }
}
