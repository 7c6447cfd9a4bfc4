package dev.drover.modules.files;

import dev.drover.modules.LocalFiles;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.modules.TemplateAccess;
import dev.drover.transport.LocalConnection;
import dev.drover.transport.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real host for module tests: this machine through {@link LocalConnection}, with
 * controller files looked up in {@code controllerDir}, and a counter of the commands run so
 * tests can assert that an unchanged second run writes nothing.
 */
final class LocalHost {

    final Path controllerDir;
    final AtomicInteger commands = new AtomicInteger();
    final StringBuilder log = new StringBuilder();
    private final Target target;
    private Map<String, Object> templateVars = Map.of();
    private String shellPrefix = "";

    LocalHost(Path controllerDir) {
        this.controllerDir = controllerDir;
        LocalConnection local = new LocalConnection("localhost");
        this.target = new Target(new dev.drover.transport.Connection() {
            @Override
            public String hostName() {
                return "localhost";
            }

            @Override
            public dev.drover.transport.CommandResult run(String command, byte[] stdin) throws IOException {
                commands.incrementAndGet();
                log.append(command).append("\n----\n");
                return local.run(shellPrefix + command, stdin);
            }

            @Override
            public void close() {
            }
        });
    }

    /** Shell text run before each command, e.g. a function that changes how a tool behaves. */
    LocalHost shellPrefix(String prefix) {
        this.shellPrefix = prefix;
        return this;
    }

    LocalHost vars(Map<String, Object> vars) {
        this.templateVars = vars;
        return this;
    }

    ModuleResult run(Module module, Map<String, Object> args) {
        return run(module, args, false, false);
    }

    ModuleResult check(Module module, Map<String, Object> args) {
        return run(module, args, true, true);
    }

    ModuleResult diff(Module module, Map<String, Object> args) {
        return run(module, args, false, true);
    }

    ModuleResult run(Module module, Map<String, Object> args, boolean check, boolean diff) {
        ModuleArgs validated = ModuleArgs.validate(module.name(), module.spec(), new LinkedHashMap<>(args));
        ModuleContext context = new ModuleContext(target, check, diff, files(), templates());
        try {
            return module.run(validated, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LocalFiles files() {
        return (kind, name) -> {
            Path path = name.startsWith("/") ? Path.of(name) : controllerDir.resolve(kind).resolve(name);
            return Files.exists(path) ? Optional.of(path) : Optional.empty();
        };
    }

    /** Stands in for the executor's Jinja: replaces {{ name }} with the variable's value. */
    private TemplateAccess templates() {
        return new TemplateAccess() {
            @Override
            public String renderFile(Path source, String text, dev.drover.template.TemplateOptions options) {
                String out = text;
                for (Map.Entry<String, Object> var : templateVars.entrySet()) {
                    out = out.replace("{{ " + var.getKey() + " }}", String.valueOf(var.getValue()));
                }
                // As the real templar does: CR and CRLF read as line breaks, written as the options' newline sequence.
                return out.replace("\r\n", "\n").replace('\r', '\n').replace("\n", options.newlineSequence());
            }

            @Override
            public Object evaluate(String expression) {
                return templateVars.get(expression.trim());
            }

            @Override
            public boolean isTrue(String condition) {
                return Boolean.TRUE.equals(evaluate(condition));
            }

            @Override
            public boolean isDefined(String name) {
                return templateVars.containsKey(name);
            }
        };
    }

    /** Every file, directory and link below {@code dir} with its mode, owner, size and content digest. */
    static String snapshot(Path dir) throws IOException {
        StringBuilder out = new StringBuilder();
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted().toList()) {
                var attrs = Files.readAttributes(p, java.nio.file.attribute.PosixFileAttributes.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
                out.append(dir.relativize(p)).append(' ')
                        .append(java.nio.file.attribute.PosixFilePermissions.toString(attrs.permissions())).append(' ')
                        .append(attrs.owner().getName()).append(' ').append(attrs.size()).append(' ')
                        .append(attrs.lastModifiedTime().toMillis());
                if (attrs.isSymbolicLink()) {
                    out.append(" -> ").append(Files.readSymbolicLink(p));
                } else if (attrs.isRegularFile()) {
                    out.append(' ').append(java.util.Arrays.hashCode(Files.readAllBytes(p)));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}
