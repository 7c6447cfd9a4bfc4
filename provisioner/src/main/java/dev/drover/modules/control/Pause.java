package dev.drover.modules.control;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Ansible's pause, as it behaves when its standard input is not a terminal (a CI job, a
 * pipe, Drover always): with {@code seconds} or {@code minutes} it waits that long (at least
 * a second); without, it does not wait for the prompt and warns, as Ansible does. Runs on
 * the controller; hosts of a play pause at the same time.
 */
public final class Pause implements Module {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.bool("echo", true),
            Arg.of("minutes", ArgType.INT),
            Arg.of("seconds", ArgType.INT),
            Arg.str("prompt")).mutuallyExclusive("minutes", "seconds");

    @Override
    public String name() {
        return "pause";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) {
        Long seconds = null;
        if (args.has("minutes")) {
            seconds = args.integer("minutes") * 60;
        } else if (args.has("seconds")) {
            seconds = args.integer("seconds");
        }
        boolean inMinutes = !args.has("seconds");
        LocalDateTime startTime = LocalDateTime.now();
        long start = System.nanoTime();
        if (seconds != null) {
            sleep(Math.max(1, seconds));
        }
        double duration = (System.nanoTime() - start) / 1e9;
        ModuleResult.Builder result = ModuleResult.builder().put("rc", 0).put("stderr", "")
                .put("stdout", stdout(duration, inMinutes)).put("start", STAMP.format(startTime))
                .put("stop", STAMP.format(LocalDateTime.now())).put("delta", (long) duration).put("echo", args.bool("echo"))
                .put("user_input", "");
        if (seconds == null) {
            result.put("warnings", List.of("Not waiting for response to prompt as stdin is not interactive"));
        }
        return result.build();
    }

    /** "Paused for 2.0 seconds" or "Paused for 0.02 minutes": Python's round(x, 2) printed as a float. */
    static String stdout(double seconds, boolean inMinutes) {
        double value = inMinutes ? seconds / 60.0 : seconds;
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
        String text = rounded.scale() <= 0 ? rounded.setScale(1).toPlainString() : rounded.toPlainString();
        return "Paused for " + text + " " + (inMinutes ? "minutes" : "seconds");
    }

    private static void sleep(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
