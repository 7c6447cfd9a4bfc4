package dev.drover.cli;

import dev.drover.vault.Keyring;
import dev.drover.vault.SecretSource;
import dev.drover.vault.VaultSecret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The vault password options ansible-playbook and ansible-vault share. */
final class VaultOptions {

    @Option(names = "--vault-id", paramLabel = "[LABEL@]SOURCE",
            description = "A vault password: SOURCE is a file, an executable script printing it, or 'prompt'. Repeatable.")
    List<String> vaultIds = new ArrayList<>();

    @Option(names = {"--vault-password-file", "--vault-pass-file"}, paramLabel = "FILE",
            description = "A file holding the vault password, or a script printing it. Repeatable."
                    + " Default: $DROVER_VAULT_PASSWORD_FILE or $ANSIBLE_VAULT_PASSWORD_FILE.")
    List<String> passwordFiles = new ArrayList<>();

    @Option(names = {"-J", "--ask-vault-pass", "--ask-vault-password"}, description = "Ask for the vault password.")
    boolean askVaultPass;

    /**
     * The passwords, in Ansible's order: --vault-id ones, then password files (the environment's
     * last), then a prompt when asked for — or, with {@code autoPrompt} (ansible-vault's commands),
     * when nothing else was given.
     */
    Keyring load(Map<String, String> environment, boolean autoPrompt, String promptText) {
        List<SecretSource> sources = new ArrayList<>();
        vaultIds.forEach(id -> sources.add(SecretSource.parse(id)));
        passwordFiles.forEach(file -> sources.add(new SecretSource(Keyring.DEFAULT_LABEL, file)));
        String fromEnvironment = environment.getOrDefault("DROVER_VAULT_PASSWORD_FILE",
                environment.get("ANSIBLE_VAULT_PASSWORD_FILE"));
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            sources.add(new SecretSource(Keyring.DEFAULT_LABEL, fromEnvironment));
        }
        if (askVaultPass || (sources.isEmpty() && autoPrompt)) {
            sources.add(new SecretSource(Keyring.DEFAULT_LABEL, SecretSource.PROMPT));
        }
        List<VaultSecret> secrets = new ArrayList<>();
        for (SecretSource source : sources) {
            secrets.add(source.load(promptText));
        }
        return new Keyring(secrets);
    }
}
