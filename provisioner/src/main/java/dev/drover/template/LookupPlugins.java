package dev.drover.template;

import dev.drover.UserError;
import dev.drover.vault.Vault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The lookup plugins themselves, each run on the controller: env, file, template, pipe,
 * lines, vars, items, list, flattened, first_found, fileglob, password, dict,
 * indexed_items, sequence, subelements, nested, cartesian, together.
 */
final class LookupPlugins {

    private LookupPlugins() {}

    /** Set by with_first_found: the subfolder names are searched in (templates for template, vars for include_vars). */
    static final String SUBDIR_OPTION = "_drover_subdir";

    static List<Object> run(String name, List<Object> terms, Map<String, Object> options, RenderSession session) {
        return switch (name) {
            case "env" -> env(terms, options);
            case "file" -> file(terms, options, session);
            case "template" -> template(terms, session);
            case "pipe" -> pipe(terms, session, false);
            case "lines" -> pipe(terms, session, true);
            case "vars" -> vars(terms, options, session);
            case "items", "flattened" -> ListFilters.flatten(terms, name.equals("items") ? 1 : -1, false);
            case "list" -> new ArrayList<>(terms);
            case "first_found" -> FileLookups.firstFound(terms, options, session,
                    String.valueOf(options.getOrDefault(SUBDIR_OPTION, "files")));
            case "fileglob" -> FileLookups.fileglob(terms, session);
            case "password" -> FileLookups.password(terms, options, session);
            case "dict" -> LoopLookups.dict(terms);
            case "indexed_items" -> LoopLookups.indexedItems(terms);
            case "sequence" -> LoopLookups.sequence(terms);
            case "subelements" -> LoopLookups.subelements(terms);
            case "nested", "cartesian" -> LoopLookups.nested(terms, name);
            case "together" -> LoopLookups.together(terms);
            default -> throw new RenderFailure("lookup plugin '" + name + "' not found");
        };
    }

    private static List<Object> env(List<Object> terms, Map<String, Object> options) {
        List<Object> out = new ArrayList<>();
        Object fallback = options.getOrDefault("default", "");
        for (Object term : terms) {
            String value = System.getenv(PythonRepr.str(term));
            out.add(value != null ? value : fallback);
        }
        return out;
    }

    private static List<Object> file(List<Object> terms, Map<String, Object> options, RenderSession session) {
        boolean rstrip = !options.containsKey("rstrip") || Truthiness.of(options.get("rstrip"));
        boolean lstrip = options.containsKey("lstrip") && Truthiness.of(options.get("lstrip"));
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
            String name = PythonRepr.str(term);
            Path path = find(session, "files", name);
            if (path == null) {
                throw new RenderFailure("could not locate file in lookup: " + name);
            }
            String content = read(path);
            if (rstrip) {
                content = content.stripTrailing();
            }
            if (lstrip) {
                content = content.stripLeading();
            }
            out.add(content);
        }
        return out;
    }

    private static List<Object> template(List<Object> terms, RenderSession session) {
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
            String name = PythonRepr.str(term);
            Path path = find(session, "templates", name);
            if (path == null) {
                throw new RenderFailure("the template file " + name + " could not be found for the lookup");
            }
            String text = read(path);
            out.add(PythonLiteral.convertRendered(session.engine().renderText(text, new RenderSession(session.engine(), session.scope()))));
        }
        return out;
    }

    private static List<Object> pipe(List<Object> terms, RenderSession session, boolean lines) {
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
            String command = PythonRepr.str(term);
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectError(ProcessBuilder.Redirect.INHERIT);
            if (!session.scope().searchPaths().isEmpty()) {
                builder.directory(session.scope().searchPaths().get(session.scope().searchPaths().size() - 1).toFile());
            }
            try {
                Process process = builder.start();
                process.getOutputStream().close();
                String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(10, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new RenderFailure("lookup_plugin.pipe(" + command + ") timed out");
                }
                if (process.exitValue() != 0) {
                    throw new RenderFailure((lines ? "lookup_plugin.lines(" : "lookup_plugin.pipe(") + command + ") returned "
                            + process.exitValue());
                }
                if (lines) {
                    out.addAll(StringMethods.splitlines(stdout));
                } else {
                    out.add(stdout.stripTrailing());
                }
            } catch (IOException e) {
                throw new RenderFailure("could not run " + PythonRepr.repr(command) + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RenderFailure("interrupted while running " + PythonRepr.repr(command));
            }
        }
        return out;
    }

    private static List<Object> vars(List<Object> terms, Map<String, Object> options, RenderSession session) {
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
            String name = PythonRepr.str(term);
            Object value = session.variable(name);
            if (value instanceof Undefined) {
                if (options.containsKey("default")) {
                    out.add(options.get("default"));
                    continue;
                }
                throw new RenderFailure("No variable found with this name: " + name);
            }
            out.add(value);
        }
        return out;
    }

    /** An absolute path as is; else base/subdir/name, then base/name, for each search path in order. */
    static Path find(RenderSession session, String subdir, String name) {
        Path given = Path.of(name);
        if (given.isAbsolute()) {
            return Files.isRegularFile(given) ? given : null;
        }
        for (Path base : session.scope().searchPaths()) {
            for (Path candidate : List.of(base.resolve(subdir).resolve(name), base.resolve(name))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Like {@link #find}, for a file or a folder. */
    static Path findAny(RenderSession session, String subdir, String name) {
        Path given = Path.of(name);
        if (given.isAbsolute()) {
            return Files.exists(given) ? given : null;
        }
        for (Path base : session.scope().searchPaths()) {
            for (Path candidate : List.of(base.resolve(subdir).resolve(name), base.resolve(name))) {
                if (Files.exists(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static String read(Path path) {
        try {
            // As Ansible's file lookup: a vaulted file is read decrypted.
            return new String(Vault.current().readFile(path), StandardCharsets.UTF_8);
        } catch (UserError e) {
            throw new RenderFailure(e.getMessage() + (e.hint() == null ? "" : " — " + e.hint()));
        } catch (IOException e) {
            throw new RenderFailure("could not read " + path + ": " + e.getMessage());
        }
    }
}
