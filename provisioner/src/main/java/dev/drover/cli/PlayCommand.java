package dev.drover.cli;

import dev.drover.exec.Executor;
import dev.drover.exec.RunOptions;
import dev.drover.exec.RunControl;
import dev.drover.exec.RunResult;
import dev.drover.exec.TagFilter;
import dev.drover.inventory.InventoryLoader;
import dev.drover.modules.ModuleRegistry;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.PlaybookLoader;
import dev.drover.report.ConsoleReporter;
import dev.drover.report.JsonReporter;
import dev.drover.report.RunListener;
import dev.drover.template.Templar;
import dev.drover.transport.SshConnection;
import dev.drover.vault.SecretMask;
import dev.drover.vault.Vault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover play}: ansible-playbook's job, with its flags. */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = "Run an Ansible-compatible playbook against an inventory over SSH.")
final class PlayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook to run.")
    Path playbook;

    @Option(names = {"-C", "--check"}, description = "Don't change anything; report what would change.")
    boolean check;

    @Option(names = {"-D", "--diff"}, description = "Show the differences in files and templates that change.")
    boolean diff;

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "Limit the run to hosts matching PATTERN.")
    String limit;

    @Option(names = {"-t", "--tags"}, paramLabel = "TAGS", split = ",", description = "Only run tasks with these tags.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--skip-tags", paramLabel = "TAGS", split = ",", description = "Skip tasks with these tags.")
    List<String> skipTags = new ArrayList<>();

    @Option(names = {"-f", "--forks"}, paramLabel = "N",
            description = "Hosts to run at once (default: ANSIBLE_FORKS or forks in ansible.cfg, else all of them).")
    Integer forks;

    @Option(names = "-v", description = "More output (-vvv for stack traces on errors).")
    boolean[] verbose = new boolean[0];

    @Option(names = "--force-handlers", description = "Run notified handlers on hosts that failed too (unless a play says"
            + " force_handlers: false); also ANSIBLE_FORCE_HANDLERS=true.")
    boolean forceHandlers;

    @Option(names = "--syntax-check", description = "Check the playbook and inventory, then stop.")
    boolean syntaxCheck;

    @Option(names = "--list-hosts", description = "List the hosts each play would run on, then stop.")
    boolean listHosts;

    @Option(names = "--list-tasks", description = "List the tasks each play would run, then stop.")
    boolean listTasks;

    @Option(names = "--list-tags", description = "List the tags of each play and of the tasks it would run, then stop.")
    boolean listTags;

    @Option(names = "--start-at-task", paramLabel = "NAME",
            description = "Start at the first task with this name (or shell pattern; \"role : name\" works too).")
    String startAtTask;

    @Option(names = "--resume", description = "Carry on with the last failed or interrupted run of this playbook, inventory"
            + " and --limit: each host starts at the first task it did not finish. See docs/resume.md.")
    boolean resume;

    @Mixin
    ConnectionOptions connectionOptions = new ConnectionOptions();

    private final Map<String, String> environment;
    private final SecretMask mask;
    /** The ansible.cfg whose settings are in {@link #environment}, if one was found. */
    private final java.util.Optional<AnsibleConfig> config;

    PlayCommand(Map<String, String> environment, SecretMask mask, java.util.Optional<AnsibleConfig> config) {
        this.environment = environment;
        this.mask = mask;
        this.config = config;
    }

    /** -f, else ANSIBLE_FORKS (or forks in ansible.cfg), else 0: every host at once. */
    private int forks() {
        if (forks != null) {
            return forks;
        }
        String setting = environment.get("ANSIBLE_FORKS");
        try {
            return setting == null || setting.isBlank() ? 0 : Integer.parseInt(setting.strip());
        } catch (NumberFormatException e) {
            throw new dev.drover.UserError("ANSIBLE_FORKS (or forks in ansible.cfg) is '" + setting + "', not a number", null,
                    "set it to how many hosts may run at once");
        }
    }

    /** As ansible-playbook -v: which ansible.cfg is in use, and which of its settings drover leaves alone. */
    private void sayConfig() {
        config.ifPresent(c -> {
            if (!c.ignoredChanges().isEmpty()) {
                System.err.println("[WARNING]: " + c.file() + " sets " + String.join(", ", c.ignoredChanges())
                        + ", which drover does not apply: it runs with Ansible's defaults for them");
            }
            if (verbose.length >= 1) {
                System.out.println("Using " + c.file() + " as config file");
                if (!c.notApplied().isEmpty()) {
                    System.out.println("ansible.cfg settings drover does not apply: " + String.join(", ", c.notApplied()));
                }
            }
        });
    }

    @Override
    public Integer call() {
        SshConnection.warmUpInBackground();
        // Passwords are read (or asked for) up front, as ansible-playbook does; vaulted values open when used.
        try (Vault.Scope run = Vault.use(new Vault(connectionOptions.inventory.vaultOptions.load(environment, false, "Vault password"), mask))) {
            return play();
        }
    }

    /** ANSIBLE_FORCE_HANDLERS (or DROVER_FORCE_HANDLERS) set to a true word, as Ansible reads its settings. */
    private boolean forcedByEnvironment() {
        return ConnectionOptions.isTrue(environment.getOrDefault("DROVER_FORCE_HANDLERS", environment.get("ANSIBLE_FORCE_HANDLERS")),
                "ANSIBLE_FORCE_HANDLERS");
    }

    private int play() {
        sayConfig();
        Map<String, Object> extra = ExtraVars.parse(connectionOptions.inventory.extraVars);
        List<String> sources = connectionOptions.inventorySources(environment);
        InventoryLoader.Loaded loaded = InventoryLoader.load(sources);
        ModuleRegistry modules = ModuleRegistry.builtin();
        Set<String> actions = new HashSet<>(modules.names());
        actions.addAll(List.of("meta", "setup", "gather_facts"));
        Playbook book = new PlaybookLoader(actions, environment, extra).load(playbook);
        if (syntaxCheck || listHosts || listTasks || listTags) {
            new PlaybookListing(book, loaded.inventory(), limit,
                    new TagFilter(new LinkedHashSet<>(tags), new LinkedHashSet<>(skipTags)), System.out).print(listHosts, listTasks, listTags);
            return 0;
        }
        RunOptions options = new RunOptions(check, diff, limit, new LinkedHashSet<>(tags), new LinkedHashSet<>(skipTags),
                extra, forks(), verbose.length, connectionOptions.verifyHostKeys(environment), List.of(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts")),
                environment, connectionOptions.connectionDefaults(environment), forceHandlers || forcedByEnvironment());
        RunControl control;
        try {
            control = RunControl.of(startAtTask, resume, !check, runsRoot(), playbook, sources, limit);
        } catch (RunControl.NothingToResume e) {
            System.err.println(e.getMessage());
            return 0;
        }
        RunResult result = new Executor(modules, new Templar(), options, listener(), control).run(book, loaded);
        control.finish(result.exitCode());
        return result.exitCode();
    }

    /** Where run records live: DROVER_RUNS_DIR, or ~/.drover/runs. */
    private Path runsRoot() {
        String configured = environment.get("DROVER_RUNS_DIR");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".drover", "runs");
    }

    int verbosity() {
        return verbose.length;
    }

    private RunListener listener() {
        String callback = environment.getOrDefault("DROVER_STDOUT_CALLBACK", environment.getOrDefault("ANSIBLE_STDOUT_CALLBACK", "default"));
        if (callback.equals("json")) {
            return new JsonReporter(System.out);
        }
        boolean color = System.console() != null && !environment.containsKey("NO_COLOR")
                && !"0".equals(environment.get("ANSIBLE_FORCE_COLOR"));
        return new ConsoleReporter(System.out, verbose.length, diff, color);
    }
}
