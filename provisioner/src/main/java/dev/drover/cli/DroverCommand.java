package dev.drover.cli;

import dev.drover.UserError;
import dev.drover.vault.MaskingOutputStream;
import dev.drover.vault.SecretMask;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code drover} command line. */
@Command(name = "drover", mixinStandardHelpOptions = true, version = "drover 0.1.0",
        description = "Provision small bare-metal clusters with Ansible-compatible playbooks, fast.",
        subcommands = {CommandLine.HelpCommand.class})
public final class DroverCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** With no subcommand, say what there is. */
    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }


    /** Exit code for bad input or an internal error, as ansible-playbook uses. */
    static final int BAD_INPUT = 1;

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    /**
     * Runs one command. Standard output and error are wrapped for the length of it so that no
     * plaintext the vault opens reaches either — whoever prints: reporters, error messages,
     * DROVER_TRACE, warnings.
     */
    public static int run(String[] args, Map<String, String> environment) {
        SecretMask mask = new SecretMask();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream maskedOut = new PrintStream(new MaskingOutputStream(out, mask), true, StandardCharsets.UTF_8);
        PrintStream maskedErr = new PrintStream(new MaskingOutputStream(err, mask), true, StandardCharsets.UTF_8);
        System.setOut(maskedOut);
        System.setErr(maskedErr);
        try {
            return run(args, environment, mask);
        } finally {
            maskedOut.close();
            maskedErr.close();
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static int run(String[] args, Map<String, String> processEnvironment, SecretMask mask) {
        Optional<AnsibleConfig> config;
        try {
            config = AnsibleConfig.find(processEnvironment, Path.of("").toAbsolutePath());
        } catch (UserError e) {
            System.err.println("ERROR! " + e.describe());
            return BAD_INPUT;
        }
        Map<String, String> environment = config.map(c -> c.under(processEnvironment)).orElse(processEnvironment);
        PlayCommand play = new PlayCommand(environment, mask, config);
        CommandLine line = new CommandLine(new DroverCommand()).addSubcommand("play", play)
                .addSubcommand("check", new CheckCommand(environment, mask))
                .addSubcommand("wake", new WakeCommand(environment, mask))
                .addSubcommand("sleep", new SleepCommand(environment, mask))
                .addSubcommand("vault", new VaultCommand(environment))
                .addSubcommand("nomad", new NomadCommand(environment))
                .addSubcommand("workflow", new WorkflowCommand(environment));
        // "-e @vars.yml" names a vars file, as in Ansible: picocli must not read it as an argument file.
        line.setExpandAtFiles(false);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UserError user) {
                System.err.println("ERROR! " + user.describe());
                if (play.verbosity() >= 3) {
                    e.printStackTrace();
                }
                return BAD_INPUT;
            }
            System.err.println("ERROR! internal error: " + e + (play.verbosity() >= 3 ? "" : " (run with -vvv for details)"));
            if (play.verbosity() >= 3) {
                e.printStackTrace();
            }
            return cmd.getCommand() instanceof NomadPlanCommand ? NomadPlanCommand.ERROR : BAD_INPUT;
        });
        line.setParameterExceptionHandler((e, parsed) -> {
            System.err.println("ERROR! " + e.getMessage());
            e.getCommandLine().usage(System.err);
            // drover check, wake and sleep document 2 for usage errors, as goss and most health-check tools do;
            // drover nomad plan 255, as nomad job plan does, since its 1 means "changes".
            Object command = e.getCommandLine().getCommand();
            if (command instanceof NomadPlanCommand) {
                return NomadPlanCommand.ERROR;
            }
            return command instanceof CheckCommand || command instanceof WakeCommand || command instanceof SleepCommand
                    ? CheckCommand.BAD_INPUT : BAD_INPUT;
        });
        return line.execute(args);
    }
}
