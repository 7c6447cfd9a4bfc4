package dev.drover.agent.workflow;

import dev.drover.exec.Executor;
import dev.drover.exec.RunControl;
import dev.drover.exec.RunOptions;
import dev.drover.exec.RunResult;
import dev.drover.inventory.InventoryLoader;
import dev.drover.modules.ModuleRegistry;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.PlaybookLoader;
import dev.drover.report.ConsoleReporter;
import dev.drover.report.HostStats;
import dev.drover.template.Templar;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: play}: pull mode. The provisioner's engine applies a playbook, or one role, to
 * this node over the local connection, as {@code drover play} would with
 * {@code -i localhost, -c local}. {@code playbook} (relative paths are relative to the
 * workflow file), or {@code role} (found in {@code roles_path}, default the workflow file's
 * {@code roles/} folder); {@code extra_vars}, {@code tags}, {@code check}. The recap is the
 * step's log; outputs rc (Ansible's exit code) and the host's ok, changed, failed,
 * unreachable and skipped counts. An rc other than 0 fails the step. A running play does not
 * stop halfway on cancel or timeout: it finishes its current task list.
 */
final class PlayStep implements StepType {

    @Override
    public String name() {
        return "play";
    }

    @Override
    public Set<String> arguments() {
        return Set.of("playbook", "role", "roles_path", "extra_vars", "tags", "check");
    }

    @Override
    public StepResult run(StepCall call) throws Exception {
        Map<String, Object> args = call.args();
        Path base = call.workflowFile().toAbsolutePath().getParent();
        Path temporary = null;
        Path playbook;
        Map<String, String> environment = new HashMap<>(System.getenv());
        if (args.get("playbook") != null) {
            playbook = base.resolve(String.valueOf(args.get("playbook"))).normalize();
        } else if (args.get("role") != null) {
            temporary = Files.createTempDirectory("drover-play-");
            playbook = temporary.resolve("role.yml");
            Files.writeString(playbook, "- hosts: all\n  roles:\n    - " + args.get("role") + "\n");
            Path roles = base.resolve(String.valueOf(args.getOrDefault("roles_path", "roles"))).normalize();
            environment.put("ANSIBLE_ROLES_PATH", roles.toString());
        } else {
            throw new IllegalArgumentException("a play step needs playbook: or role:");
        }
        try {
            return play(call, playbook, environment);
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary.resolve("role.yml"));
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static StepResult play(StepCall call, Path playbook, Map<String, String> environment) {
        Map<String, Object> args = call.args();
        ModuleRegistry modules = ModuleRegistry.builtin();
        Set<String> actions = new HashSet<>(modules.names());
        actions.addAll(List.of("meta", "setup", "gather_facts"));
        Playbook book = new PlaybookLoader(actions, environment).load(playbook);
        InventoryLoader.Loaded inventory = InventoryLoader.load(List.of("localhost,"));
        Set<String> tags = new LinkedHashSet<>();
        if (args.get("tags") instanceof List<?> list) {
            list.forEach(t -> tags.add(String.valueOf(t)));
        } else if (args.get("tags") != null) {
            tags.add(String.valueOf(args.get("tags")));
        }
        RunOptions options = new RunOptions(Boolean.TRUE.equals(args.get("check")), false, null, tags, Set.of(),
                Values.map(args.get("extra_vars")), 1, 0, false, List.of(), environment,
                Map.of("ansible_connection", "local"));
        ByteArrayOutputStream recap = new ByteArrayOutputStream();
        RunResult result;
        try (PrintStream out = new PrintStream(recap, true, StandardCharsets.UTF_8)) {
            result = new Executor(modules, new Templar(), options, new ConsoleReporter(out, 0, false, false), RunControl.none())
                    .run(book, inventory);
        }
        String log = recap.toString(StandardCharsets.UTF_8);
        call.log(log.length() > ShellStep.MAX_OUTPUT ? log.substring(log.length() - ShellStep.MAX_OUTPUT) : log.stripTrailing());
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("rc", result.exitCode());
        HostStats stats = result.stats().stream().findFirst().orElse(new HostStats("localhost", 0, 0, 0, 0, 0, 0, 0));
        outputs.put("ok", stats.ok());
        outputs.put("changed", stats.changed());
        outputs.put("failed", stats.failed());
        outputs.put("unreachable", stats.unreachable());
        outputs.put("skipped", stats.skipped());
        if (result.exitCode() != 0) {
            return StepResult.failed("the play ended with " + result.exitCode() + " (" + stats.failed() + " failed, "
                    + stats.unreachable() + " unreachable)", outputs);
        }
        return StepResult.ok(outputs);
    }
}
