package dev.drover.cli;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.vault.Keyring;
import dev.drover.vault.SecretSource;
import dev.drover.vault.VaultEnvelope;
import dev.drover.vault.VaultSecret;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code drover vault}: ansible-vault's commands and arguments. Files written here are read by
 * ansible-vault and the other way round; {@code -} stands for standard input or output.
 */
@Command(name = "vault", mixinStandardHelpOptions = true,
        description = "Encrypt and decrypt files and values with Ansible Vault (ansible-vault's commands).",
        subcommands = {VaultCommand.Encrypt.class, VaultCommand.Decrypt.class, VaultCommand.View.class,
                VaultCommand.Edit.class, VaultCommand.Create.class, VaultCommand.EncryptString.class,
                VaultCommand.Rekey.class})
final class VaultCommand implements Runnable {

    private final Map<String, String> environment;

    VaultCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** What every subcommand has: the password options and the files it works on. */
    abstract static class Base implements Callable<Integer> {
        @ParentCommand
        VaultCommand parent;

        @Mixin
        VaultOptions passwords;

        Keyring keyring(boolean forEncryption) {
            return passwords.load(parent.environment, true, forEncryption ? "New vault password" : "Vault password");
        }

        static byte[] read(String file) {
            try {
                return file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new UserError("file not found: " + file);
            } catch (IOException e) {
                throw new UserError("cannot read " + file + ": " + e.getMessage());
            }
        }

        /** Writes in place (keeping the file's mode) or a new file with mode 0600, as ansible-vault does. */
        static void write(String file, byte[] data) {
            if (file.equals("-")) {
                System.out.write(data, 0, data.length);
                System.out.flush();
                return;
            }
            Path path = Path.of(file);
            try {
                if (!Files.exists(path)) {
                    Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                }
                Files.write(path, data, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UserError("cannot write " + file + ": " + e.getMessage());
            }
        }

        static String ascii(byte[] data) {
            return new String(data, StandardCharsets.US_ASCII);
        }

        static void requireVaulted(byte[] data, String file) {
            if (!VaultEnvelope.isVaulted(data)) {
                throw new UserError("input is not vault encrypted data. " + file + " is not a vault encrypted file", null,
                        "encrypt it first with `drover vault encrypt " + file + "`");
            }
        }

        static SourceLocation where(String file) {
            return file.equals("-") ? SourceLocation.of(Path.of("<stdin>")) : SourceLocation.of(Path.of(file));
        }
    }

    @Command(name = "encrypt", description = "Encrypt files in place (or to --output); no FILE or '-' reads standard input.")
    static final class Encrypt extends Base {
        @Parameters(paramLabel = "FILE", arity = "0..*")
        List<String> files = new ArrayList<>();

        @Option(names = "--output", paramLabel = "FILE", description = "Write here instead ('-' for standard output).")
        String output;

        @Option(names = "--encrypt-vault-id", paramLabel = "LABEL", description = "The vault id whose password encrypts.")
        String encryptVaultId;

        @Override
        public Integer call() {
            List<String> inputs = files.isEmpty() ? List.of("-") : files;
            if (output != null && inputs.size() > 1) {
                throw new UserError("--output can only be used with one input file");
            }
            Keyring keyring = keyring(true);
            VaultSecret secret = keyring.forEncryption(encryptVaultId);
            for (String file : inputs) {
                byte[] plain = read(file);
                if (VaultEnvelope.isVaulted(plain)) {
                    throw new UserError("input is already encrypted: " + file);
                }
                write(output != null ? output : file, keyring.encrypt(plain, secret).getBytes(StandardCharsets.US_ASCII));
            }
            System.err.println("Encryption successful");
            return 0;
        }
    }

    @Command(name = "decrypt", description = "Decrypt files in place (or to --output); no FILE or '-' reads standard input.")
    static final class Decrypt extends Base {
        @Parameters(paramLabel = "FILE", arity = "0..*")
        List<String> files = new ArrayList<>();

        @Option(names = "--output", paramLabel = "FILE", description = "Write here instead ('-' for standard output).")
        String output;

        @Override
        public Integer call() {
            List<String> inputs = files.isEmpty() ? List.of("-") : files;
            if (output != null && inputs.size() > 1) {
                throw new UserError("--output can only be used with one input file");
            }
            Keyring keyring = keyring(false);
            for (String file : inputs) {
                byte[] data = read(file);
                requireVaulted(data, file);
                write(output != null ? output : file, keyring.decrypt(ascii(data), where(file)));
            }
            System.err.println("Decryption successful");
            return 0;
        }
    }

    @Command(name = "view", description = "Print the plaintext of vault-encrypted files.")
    static final class View extends Base {
        @Parameters(paramLabel = "FILE", arity = "1..*")
        List<String> files = new ArrayList<>();

        @Override
        public Integer call() {
            Keyring keyring = keyring(false);
            for (String file : files) {
                byte[] data = read(file);
                requireVaulted(data, file);
                write("-", keyring.decrypt(ascii(data), where(file)));
            }
            return 0;
        }
    }

    @Command(name = "edit", description = "Edit a vault-encrypted file with $EDITOR; it is encrypted again with the same password.")
    static final class Edit extends Base {
        @Parameters(paramLabel = "FILE", arity = "1")
        String file;

        @Override
        public Integer call() {
            byte[] data = read(file);
            requireVaulted(data, file);
            Keyring.Opened opened = keyring(false).open(ascii(data), where(file));
            byte[] edited = Editor.edit(opened.plaintext(), parent.environment);
            if (java.util.Arrays.equals(edited, opened.plaintext())) {
                return 0; // unchanged: the file keeps its ciphertext, as ansible-vault leaves it
            }
            write(file, new Keyring(List.of(opened.secret())).encrypt(edited, opened.secret())
                    .getBytes(StandardCharsets.US_ASCII));
            return 0;
        }
    }

    @Command(name = "create", description = "Create a new vault-encrypted file, written with $EDITOR.")
    static final class Create extends Base {
        @Parameters(paramLabel = "FILE", arity = "1")
        String file;

        @Option(names = "--encrypt-vault-id", paramLabel = "LABEL", description = "The vault id whose password encrypts.")
        String encryptVaultId;

        @Override
        public Integer call() {
            if (Files.exists(Path.of(file))) {
                throw new UserError(file + " exists, please use 'edit' instead");
            }
            Keyring keyring = keyring(true);
            VaultSecret secret = keyring.forEncryption(encryptVaultId);
            byte[] written = Editor.edit(new byte[0], parent.environment);
            write(file, keyring.encrypt(written, secret).getBytes(StandardCharsets.US_ASCII));
            return 0;
        }
    }

    @Command(name = "rekey", description = "Encrypt vault-encrypted files again with a new password.")
    static final class Rekey extends Base {
        @Parameters(paramLabel = "FILE", arity = "1..*")
        List<String> files = new ArrayList<>();

        @Option(names = {"--new-vault-password-file"}, paramLabel = "FILE", description = "The new password's file or script.")
        String newPasswordFile;

        @Option(names = "--new-vault-id", paramLabel = "[LABEL@]SOURCE", description = "The new password, as --vault-id takes it.")
        String newVaultId;

        @Option(names = "--encrypt-vault-id", paramLabel = "LABEL", description = "The label to give the new password.")
        String encryptVaultId;

        @Override
        public Integer call() {
            Keyring old = keyring(false);
            SecretSource source = newVaultId != null ? SecretSource.parse(newVaultId)
                    : newPasswordFile != null ? new SecretSource(Keyring.DEFAULT_LABEL, newPasswordFile)
                    : new SecretSource(Keyring.DEFAULT_LABEL, SecretSource.PROMPT);
            if (encryptVaultId != null) {
                source = new SecretSource(encryptVaultId, source.source());
            }
            VaultSecret fresh = source.load("New vault password");
            Keyring next = new Keyring(List.of(fresh));
            for (String file : files) {
                byte[] data = read(file);
                requireVaulted(data, file);
                byte[] plain = old.decrypt(ascii(data), where(file));
                write(file, next.encrypt(plain, fresh).getBytes(StandardCharsets.US_ASCII));
            }
            System.err.println("Rekey successful");
            return 0;
        }
    }

    @Command(name = "encrypt_string", description = "Encrypt values for pasting into YAML as `!vault |`.")
    static final class EncryptString extends Base {
        @Parameters(paramLabel = "STRING", arity = "0..*", description = "Values to encrypt; none or '-' reads standard input.")
        List<String> strings = new ArrayList<>();

        @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Variable names, in the order of the values.")
        List<String> names = new ArrayList<>();

        @Option(names = "--stdin-name", paramLabel = "NAME", description = "The variable name for the value read from standard input.")
        String stdinName;

        @Option(names = "--encrypt-vault-id", paramLabel = "LABEL", description = "The vault id whose password encrypts.")
        String encryptVaultId;

        @Override
        public Integer call() {
            Keyring keyring = keyring(true);
            VaultSecret secret = keyring.forEncryption(encryptVaultId);
            List<String[]> named = new ArrayList<>();
            if (strings.isEmpty() || strings.equals(List.of("-"))) {
                System.err.println("Reading plaintext input from stdin. (ctrl-d to end input, twice if your content"
                        + " does not already have a newline)");
                named.add(new String[] {stdinName != null ? stdinName : names.isEmpty() ? null : names.get(0),
                        new String(read("-"), StandardCharsets.UTF_8)});
            } else {
                for (int i = 0; i < strings.size(); i++) {
                    named.add(new String[] {i < names.size() ? names.get(i) : null, strings.get(i)});
                }
            }
            List<String> blocks = new ArrayList<>();
            for (String[] one : named) {
                String envelope = keyring.encrypt(one[1].getBytes(StandardCharsets.UTF_8), secret);
                StringBuilder block = new StringBuilder(one[0] == null ? "" : one[0] + ": ").append("!vault |");
                for (String line : envelope.strip().split("\n")) {
                    block.append("\n          ").append(line);
                }
                blocks.add(block.toString());
            }
            PrintStream out = System.out;
            out.println(String.join("\n", blocks));
            out.flush();
            System.err.println("Encryption successful");
            return 0;
        }
    }
}
