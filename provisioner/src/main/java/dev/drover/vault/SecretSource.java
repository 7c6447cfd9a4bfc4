package dev.drover.vault;

import dev.drover.UserError;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where a vault password comes from, as {@code --vault-id [LABEL@]SOURCE} says: a file holding
 * it, an executable script printing it (a script named {@code *-client} or {@code *-client.EXT}
 * is asked with {@code --vault-id LABEL}), or {@code prompt} for the terminal.
 */
public record SecretSource(String label, String source) {

    public static final String PROMPT = "prompt";

    /** {@code LABEL@SOURCE}, or just {@code SOURCE} for the label "default". */
    public static SecretSource parse(String vaultId) {
        int at = vaultId.indexOf('@');
        if (at < 0) {
            return new SecretSource(Keyring.DEFAULT_LABEL, vaultId);
        }
        String label = vaultId.substring(0, at);
        return new SecretSource(label.isEmpty() ? Keyring.DEFAULT_LABEL : label, vaultId.substring(at + 1));
    }

    /**
     * Reads, runs or asks for the password.
     *
     * @param promptWords what a prompt asks for: "Vault password", or "New vault password" when encrypting
     */
    public VaultSecret load(String promptWords) {
        if (source.equals(PROMPT) || source.equals("prompt_ask_vault_pass")) {
            return new VaultSecret(label, prompt(promptWords + (label.equals(Keyring.DEFAULT_LABEL) ? ": " : " (" + label + "): ")),
                    "prompt");
        }
        Path file = Path.of(source);
        byte[] password = Files.isExecutable(file) && !Files.isDirectory(file) ? runScript(file) : readFile(file);
        if (password.length == 0) {
            throw new UserError("Invalid vault password was provided from file (" + source + "): it is empty",
                    null, "put the password on the file's first line, or make the file an executable script that prints it");
        }
        return new VaultSecret(label, password, (Files.isExecutable(file) ? "script " : "file ") + source);
    }

    private byte[] readFile(Path file) {
        try {
            return strip(Files.readAllBytes(file), true);
        } catch (NoSuchFileException e) {
            throw new UserError("Could not read vault password file " + source + ": no such file", null,
                    "check the path given to --vault-password-file / --vault-id (or ANSIBLE_VAULT_PASSWORD_FILE)");
        } catch (IOException e) {
            throw new UserError("Could not read vault password file " + source + ": " + e.getMessage());
        }
    }

    private byte[] runScript(Path script) {
        List<String> command = new ArrayList<>(List.of(script.toAbsolutePath().toString()));
        String name = script.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (name.endsWith("-client") || (dot > 0 && name.substring(0, dot).endsWith("-client"))) {
            command.addAll(List.of("--vault-id", label));
        }
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new UserError("Vault password script " + source + " did not finish within 60 seconds");
            }
            if (process.exitValue() != 0) {
                throw new UserError("Vault password script " + source + " returned non-zero (" + process.exitValue() + ")",
                        null, "run it by hand to see why; it must print the password on standard output");
            }
            return strip(out, false);
        } catch (IOException e) {
            throw new UserError("Problem running vault password script " + source + ": " + e.getMessage(), null,
                    "if it is not meant to be a script, remove its executable bit (chmod -x)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while running vault password script " + source);
        }
    }

    private static byte[] prompt(String text) {
        Console console = System.console();
        if (console == null) {
            throw new UserError("cannot ask for the vault password: there is no terminal", null,
                    "use --vault-password-file FILE or --vault-id LABEL@FILE instead of --ask-vault-pass / prompt");
        }
        char[] typed = console.readPassword("%s", text);
        if (typed == null || typed.length == 0) {
            throw new UserError("Invalid vault password was provided from prompt: it is empty");
        }
        byte[] bytes = new String(typed).strip().getBytes(StandardCharsets.UTF_8);
        Arrays.fill(typed, ' ');
        return bytes;
    }

    /**
     * A password file loses surrounding white space (as Python's bytes.strip()); a script's output
     * only its surrounding line breaks — both as Ansible reads them.
     */
    private static byte[] strip(byte[] data, boolean allWhitespace) {
        int start = 0;
        int end = data.length;
        while (start < end && isStripped(data[start], allWhitespace)) {
            start++;
        }
        while (end > start && isStripped(data[end - 1], allWhitespace)) {
            end--;
        }
        return Arrays.copyOfRange(data, start, end);
    }

    private static boolean isStripped(byte b, boolean allWhitespace) {
        return b == '\r' || b == '\n' || (allWhitespace && (b == ' ' || b == '\t' || b == 0x0b || b == 0x0c));
    }
}
