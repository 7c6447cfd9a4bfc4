package dev.drover.modules.net;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.modules.files.FileFacts;
import dev.drover.modules.files.FileModuleError;
import dev.drover.modules.files.FileResults;
import dev.drover.modules.files.PythonRegex;
import dev.drover.modules.files.RemotePath;
import dev.drover.transport.CommandResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Ansible's wait_for: waits until a port on some host accepts connections (or stops), a
 * file appears (or goes), or a file or port says something matching a regular expression.
 * The waiting is done here, the looking on the host: one short command per attempt (bash's
 * /dev/tcp, or nc, for ports; test and cat for files), {@code sleep} seconds apart, until
 * {@code timeout}. Like Ansible's module, which does not support check mode, it is skipped
 * in check mode.
 */
public final class WaitFor implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.str("host").defaultsTo("127.0.0.1"),
            Arg.of("timeout", ArgType.INT).defaultsTo(300L),
            Arg.of("connect_timeout", ArgType.INT).defaultsTo(5L),
            Arg.of("delay", ArgType.INT).defaultsTo(0L),
            Arg.of("port", ArgType.INT),
            Arg.of("active_connection_states", ArgType.LIST),
            Arg.path("path"),
            Arg.str("search_regex"),
            Arg.str("state").defaultsTo("started").choices("absent", "drained", "present", "started", "stopped"),
            Arg.of("exclude_hosts", ArgType.LIST),
            Arg.of("sleep", ArgType.INT).defaultsTo(1L),
            Arg.str("msg"));

    @Override
    public String name() {
        return "wait_for";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    /** The task's arguments, read once. */
    private record Wait(String host, long timeout, long connectTimeout, Long port, String path, PythonRegex search,
                        String searchText, String state, long sleep, String msg) {
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        if (context.checkMode()) {
            return ModuleResult.builder().put("skipped", true).msg("remote module (wait_for) does not support check mode")
                    .build();
        }
        Long port = args.has("port") ? args.integer("port") : null;
        String path = args.string("path");
        String state = args.string("state");
        if (port != null && port == 0) {
            port = null;
        }
        if (port != null && path != null) {
            return failed("port and path parameter can not both be passed to wait_for", 0);
        }
        if (path != null && state.equals("stopped")) {
            return failed("state=stopped should only be used for checking a port in the wait_for module", 0);
        }
        if (path != null && state.equals("drained")) {
            return failed("state=drained should only be used for checking a port in the wait_for module", 0);
        }
        if (args.has("exclude_hosts") && !state.equals("drained")) {
            return failed("exclude_hosts should only be with state=drained", 0);
        }
        if (state.equals("drained")) {
            return failed("state=drained is not supported by drover yet", 0);
        }
        PythonRegex search = null;
        if (args.has("search_regex")) {
            try {
                search = PythonRegex.compile("(?m)" + args.string("search_regex"));
            } catch (FileModuleError e) {
                return ModuleResult.failed("Invalid regular expression: " + e.getMessage());
            }
        }
        Wait wait = new Wait(args.string("host"), args.integer("timeout"), args.integer("connect_timeout"), port, path,
                search, args.string("search_regex"), state, args.integer("sleep"), args.string("msg"));

        Instant start = Instant.now();
        sleep(Duration.ofSeconds(args.integer("delay")));
        if (port == null && path == null) {
            sleep(Duration.ofSeconds(wait.timeout()));
            return success(context, wait, start, List.of(), Map.of());
        }
        Instant end = start.plusSeconds(wait.timeout());
        boolean gone = state.equals("absent") || state.equals("stopped");
        while (Instant.now().isBefore(end)) {
            if (gone) {
                boolean present = path != null ? exists(context, path) : connects(context, wait, end);
                if (!present) {
                    return success(context, wait, start, List.of(), Map.of());
                }
            } else {
                Found found = path != null ? lookAtFile(context, wait) : lookAtPort(context, wait, end);
                if (found != null) {
                    return success(context, wait, start, found.groups(), found.groupDict());
                }
            }
            sleep(Duration.ofSeconds(wait.sleep()));
        }
        return failed(wait.msg() != null ? wait.msg() : timeoutMessage(wait, gone), elapsed(start));
    }

    private static String timeoutMessage(Wait wait, boolean gone) {
        String where = wait.host() + ":" + wait.port();
        if (gone) {
            return wait.port() != null ? "Timeout when waiting for " + where + " to stop."
                    : "Timeout when waiting for " + wait.path() + " to be absent.";
        }
        if (wait.port() != null) {
            return wait.search() != null ? "Timeout when waiting for search string " + wait.searchText() + " in " + where
                    : "Timeout when waiting for " + where;
        }
        return wait.search() != null ? "Timeout when waiting for search string " + wait.searchText() + " in " + wait.path()
                : "Timeout when waiting for file " + wait.path();
    }

    /** What a successful look found: the regular expression's groups, when there is one. */
    private record Found(List<String> groups, Map<String, String> groupDict) {
    }

    private static boolean exists(ModuleContext context, String path) throws IOException {
        return context.target().run("[ -e " + RemotePath.word(path) + " ]").ok();
    }

    private static Found lookAtFile(ModuleContext context, Wait wait) throws IOException {
        String word = RemotePath.word(wait.path());
        if (wait.search() == null) {
            return exists(context, wait.path()) ? new Found(List.of(), Map.of()) : null;
        }
        CommandResult read = context.target().run("[ -e " + word + " ] || exit 3; exec cat -- " + word);
        return read.ok() ? match(wait.search(), read.stdout()) : null;
    }

    private static Found lookAtPort(ModuleContext context, Wait wait, Instant end) throws IOException {
        long left = Math.max(1, (long) Math.ceil(Duration.between(Instant.now(), end).toMillis() / 1000.0));
        if (wait.search() == null) {
            return connects(context, wait, end) ? new Found(List.of(), Map.of()) : null;
        }
        // Read what the server says until it closes the connection or the time is up, then look for the pattern.
        String read = "timeout " + Math.min(left, Math.max(wait.connectTimeout(), 2)) + " " + portCommand(wait, "cat <&3");
        CommandResult said = context.target().run(read);
        return match(wait.search(), said.stdout());
    }

    private static boolean connects(ModuleContext context, Wait wait, Instant end) throws IOException {
        long left = Math.max(1, (long) Math.ceil(Duration.between(Instant.now(), end).toMillis() / 1000.0));
        long limit = Math.min(wait.connectTimeout(), left);
        return context.target().run("timeout " + limit + " " + portCommand(wait, ":")).ok();
    }

    /** Connects to the port as fd 3 and runs {@code then}; bash's /dev/tcp where there is bash, else nc. */
    private static String portCommand(Wait wait, String then) {
        String host = ShellQuote.quote(wait.host());
        String port = String.valueOf(wait.port());
        String viaBash = "bash -c 'exec 3<>\"/dev/tcp/$0/$1\" || exit 9; " + then.replace("'", "'\\''") + "' " + host + " " + port;
        String viaNc = then.equals(":") ? "nc -z " + host + " " + port : "nc " + host + " " + port + " </dev/null";
        return "sh -c " + ShellQuote.quote("if command -v bash >/dev/null 2>&1; then exec " + viaBash + "; else exec "
                + viaNc + "; fi") + " 2>/dev/null";
    }

    private static Found match(PythonRegex search, byte[] data) {
        Matcher m = search.matcher(new String(data, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            return null;
        }
        List<String> groups = new ArrayList<>();
        for (int i = 1; i <= m.groupCount(); i++) {
            groups.add(m.group(i) == null ? null : PythonRegex.textOf(m.group(i)));
        }
        Map<String, String> dict = new java.util.LinkedHashMap<>();
        search.groupDict(m).forEach((k, v) -> dict.put(k, v == null ? null : PythonRegex.textOf(v)));
        return new Found(groups, dict);
    }

    /**
     * The result; as for any Ansible module whose result has a path, an existing path adds its
     * owner, mode, size and type, and "state" becomes that type (file, directory...).
     */
    private static ModuleResult success(ModuleContext context, Wait wait, Instant start, List<String> groups,
                                        Map<String, String> dict) throws IOException {
        long elapsed = elapsed(start);
        ModuleResult.Builder result = ModuleResult.builder().put("state", wait.state()).put("port", wait.port())
                .put("search_regex", wait.searchText()).put("match_groups", groups).put("match_groupdict", dict)
                .put("path", wait.path()).put("elapsed", elapsed);
        if (wait.path() != null) {
            try {
                result.putAll(FileResults.pathInfo(new FileFacts().probe(wait.path()).read(context.target()).state(0)));
            } catch (FileModuleError e) {
                // The wait is over and succeeded; the path's details are extras.
            }
        }
        return result.build();
    }

    private static ModuleResult failed(String msg, long elapsed) {
        return ModuleResult.builder().failed(msg).put("elapsed", elapsed).build();
    }

    private static long elapsed(Instant start) {
        return Duration.between(start, Instant.now()).toSeconds();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
