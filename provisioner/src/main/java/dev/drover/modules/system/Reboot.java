package dev.drover.modules.system;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.CommandResult;
import dev.drover.transport.Target;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ansible's reboot: notes the host's boot id, runs {@code shutdown -r} (or
 * {@code reboot_command}), then reconnects until the boot id has changed and
 * {@code test_command} succeeds, backing off as Ansible does (1, 2, 4, 8, 12 s), within
 * {@code reboot_timeout}. Reports rebooted and elapsed. In check mode it only says it would.
 */
public final class Reboot implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.str("boot_time_command").defaultsTo("cat /proc/sys/kernel/random/boot_id"),
            Arg.of("connect_timeout", ArgType.INT),
            Arg.str("msg").defaultsTo("Reboot initiated by Ansible"),
            Arg.of("post_reboot_delay", ArgType.INT).defaultsTo(0L),
            Arg.of("pre_reboot_delay", ArgType.INT).defaultsTo(0L),
            Arg.str("reboot_command"),
            Arg.of("reboot_timeout", ArgType.INT).defaultsTo(600L),
            Arg.of("search_paths", ArgType.LIST),
            Arg.str("test_command").defaultsTo("whoami"));

    @Override
    public String name() {
        return "reboot";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        if (context.session().local()) {
            return ModuleResult.builder().put("elapsed", 0).put("rebooted", false)
                    .failed("Running reboot with local connection would reboot the control node.").build();
        }
        if (context.checkMode()) {
            return ModuleResult.builder().changed(true).put("elapsed", 0).put("rebooted", true).build();
        }
        for (String delay : new String[] {"pre_reboot_delay", "post_reboot_delay"}) {
            if (args.integer(delay) < 0) {
                return ModuleResult.failed("The value of " + delay + " must be a positive integer");
            }
        }
        String bootCommand = args.string("boot_time_command");
        CommandResult boot = context.target().run(bootCommand);
        if (!boot.ok()) {
            return ModuleResult.builder().put("reboot", false).failed("Command returned rc=" + boot.exitCode()
                    + ", stdout: " + boot.out().trim() + ", stderr: " + boot.err().trim()).build();
        }
        String previousBoot = boot.out().trim();

        Instant start = Instant.now();
        CommandResult reboot;
        try {
            reboot = context.target().run(rebootCommand(args));
        } catch (IOException connectionDropped) {
            reboot = new CommandResult(0, new byte[0], new byte[0]); // the host went down first, as Ansible assumes
        }
        if (!reboot.ok()) {
            return ModuleResult.builder().put("rebooted", false).put("elapsed", elapsed(start))
                    .failed("Reboot command failed. Error was: '" + reboot.out().trim() + ", " + reboot.err().trim() + "'")
                    .build();
        }
        sleep(args.integer("post_reboot_delay") * 1000);

        long timeout = args.integer("reboot_timeout");
        Instant deadline = Instant.now().plusSeconds(timeout);
        Target[] target = {null};
        String failure = waitUntil(deadline, timeout, "last boot time check", () -> {
            target[0] = context.session().reconnect();
            CommandResult now = target[0].run(bootCommand);
            if (!now.ok()) {
                throw new IOException("boot time command failed: " + now.err().trim());
            }
            if (now.out().trim().equals(previousBoot)) {
                throw new IOException("boot time has not changed");
            }
        });
        if (failure == null) {
            String test = args.string("test_command");
            failure = waitUntil(deadline, timeout, "post-reboot test command", () -> {
                CommandResult tested = target[0].run(test);
                if (!tested.ok()) {
                    target[0] = context.session().reconnect();
                    throw new IOException("Test command failed: " + tested.err().trim() + " " + tested.out().trim());
                }
            });
        }
        ModuleResult.Builder result = ModuleResult.builder().put("rebooted", true).put("elapsed", elapsed(start));
        return failure == null ? result.changed(true).build() : result.failed(failure).build();
    }

    /** Ansible's default for Linux: shutdown -r MINUTES "MESSAGE", or reboot_command as given. */
    static String rebootCommand(ModuleArgs args) {
        if (args.has("reboot_command")) {
            return args.string("reboot_command");
        }
        long minutes = args.integer("pre_reboot_delay") / 60;
        return "shutdown -r " + minutes + " \"" + args.string("msg").replace("\"", "\\\"") + "\"";
    }

    /** One attempt; throws when it has not worked yet. */
    private interface Attempt {
        void run() throws IOException;
    }

    /** Retries with Ansible's backoff (2^n seconds plus jitter, at most 12) until the deadline; null when it worked. */
    private static String waitUntil(Instant deadline, long timeout, String what, Attempt attempt) {
        int failures = 0;
        while (Instant.now().isBefore(deadline)) {
            try {
                attempt.run();
                return null;
            } catch (IOException | RuntimeException notYet) {
                double jitter = ThreadLocalRandom.current().nextInt(0, 1001) / 1000.0;
                double wait = Math.min(Math.pow(2, failures), 12) + jitter;
                failures++;
                sleep((long) (wait * 1000));
            }
        }
        return "Timed out waiting for " + what + " (timeout=" + timeout + ")";
    }

    private static long elapsed(Instant start) {
        return Duration.between(start, Instant.now()).toSeconds();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
