package dev.drover.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lookups that read or write files on the controller: fileglob, first_found and password,
 * searching the task's paths (role, then playbook; each with its kind's subfolder first).
 */
final class FileLookups {

    private FileLookups() {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String DIGITS = "0123456789";
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final Map<String, String> CHAR_SETS = Map.of(
            "ascii_letters", LETTERS,
            "ascii_lowercase", LETTERS.substring(0, 26),
            "ascii_uppercase", LETTERS.substring(26),
            "digits", DIGITS,
            "hexdigits", DIGITS + "abcdefABCDEF",
            "octdigits", "01234567",
            "punctuation", PUNCTUATION,
            "printable", DIGITS + LETTERS + PUNCTUATION + " \t\n\r\u000b\f",
            "letters", LETTERS);

    /** fileglob: files (not folders) matching the pattern, in the first search folder that has any. */
    static List<Object> fileglob(List<Object> terms, RenderSession session) {
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
            String pattern = PythonRepr.str(term);
            Path given = Path.of(pattern);
            String fileName = given.getFileName() == null ? pattern : given.getFileName().toString();
            List<Path> folders = new ArrayList<>();
            Path parent = given.getParent();
            if (given.isAbsolute()) {
                folders.add(parent);
            } else if (parent != null) {
                Path found = LookupPlugins.findAny(session, "files", parent.toString());
                if (found != null) {
                    folders.add(found);
                }
            } else {
                for (Path base : session.scope().searchPaths()) {
                    folders.add(base.resolve("files"));
                    folders.add(base);
                }
            }
            for (Path folder : folders) {
                List<String> matches = new ArrayList<>();
                if (Files.isDirectory(folder)) {
                    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, fileName)) {
                        for (Path p : stream) {
                            if (Files.isRegularFile(p)) {
                                matches.add(p.toString());
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        // an unreadable folder or a bad pattern matches nothing, as glob.glob does
                    }
                }
                if (!matches.isEmpty()) {
                    matches.sort(String::compareTo);
                    out.addAll(matches);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * first_found: the first of the candidate files that exists. Terms are names, lists of
     * names, or mappings with {@code files}, {@code paths} and {@code skip}; options may give
     * them too. Names are searched in the task's paths under {@code subdir} (files, or
     * templates/vars for those actions).
     */
    static List<Object> firstFound(List<Object> terms, Map<String, Object> options, RenderSession session, String subdir) {
        List<String> search = new ArrayList<>();
        boolean[] skip = {Truthiness.of(options.getOrDefault("skip", false))};
        collect(terms, options, search, skip);
        for (String candidate : search) {
            Path path = LookupPlugins.find(session, subdir, candidate);
            if (path != null) {
                return new ArrayList<>(List.of(path.toString()));
            }
        }
        if (skip[0]) {
            return new ArrayList<>();
        }
        throw new RenderFailure("No file was found when using first_found.");
    }

    private static void collect(List<?> terms, Map<String, Object> options, List<String> search, boolean[] skip) {
        for (Object term : terms) {
            Map<?, ?> config;
            if (term instanceof Map<?, ?> map) {
                config = map;
            } else if (term instanceof String) {
                config = options;
            } else if (term instanceof List<?> list) {
                collect(list, options, search, skip);
                continue;
            } else {
                throw new RenderFailure("Invalid term supplied, can handle string, mapping or list of strings but got: "
                        + PythonRepr.typeName(term) + " for " + PythonRepr.str(term));
            }
            List<String> files = split(config.get("files"), ",;");
            List<String> paths = split(config.get("paths"), ",:;");
            if (config.containsKey("skip")) {
                skip[0] = Truthiness.of(config.get("skip"));
            }
            if (!paths.isEmpty()) {
                for (String path : paths) {
                    for (String file : files) {
                        search.add(Path.of(path).resolve(file).toString());
                    }
                }
            } else if (!files.isEmpty()) {
                search.clear();
                search.addAll(files);
            } else {
                search.add(PythonRepr.str(term));
            }
        }
    }

    private static List<String> split(Object value, String separators) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        List<?> parts = value instanceof List<?> list ? list : List.of(value);
        for (Object part : parts) {
            for (String piece : PythonRepr.str(part).split("[" + java.util.regex.Pattern.quote(separators) + "]")) {
                if (!piece.isBlank()) {
                    out.add(piece.strip());
                }
            }
        }
        return out;
    }

    /**
     * password: the password stored in the file the term names (relative to the playbook);
     * a new random one, written there with mode 0600, when the file does not exist yet.
     * {@code /dev/null} gives a new password every time. Options: length (20), chars.
     */
    static List<Object> password(List<Object> terms, Map<String, Object> options, RenderSession session) {
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
            List<String> words = new ArrayList<>(List.of(PythonRepr.str(term).strip().split("\\s+")));
            String file = words.remove(0);
            int length = 20;
            String chars = null;
            Object lengthOption = options.get("length");
            Object charsOption = options.get("chars");
            for (String word : words) {
                int eq = word.indexOf('=');
                if (eq < 0) {
                    throw new RenderFailure("unrecognized arguments to password lookup: " + word);
                }
                String key = word.substring(0, eq);
                String value = word.substring(eq + 1);
                switch (key) {
                    case "length" -> lengthOption = value;
                    case "chars" -> charsOption = value;
                    case "encrypt", "ident", "seed" -> throw new RenderFailure("the password lookup's '" + key + "' option is not supported");
                    default -> throw new RenderFailure("Unrecognized value after key=value parameters given to password lookup: " + key);
                }
            }
            if (lengthOption != null) {
                try {
                    length = Integer.parseInt(PythonRepr.str(lengthOption).strip());
                } catch (NumberFormatException e) {
                    throw new RenderFailure("length must be an integer, got " + PythonRepr.str(lengthOption));
                }
            }
            chars = alphabet(charsOption);
            if (file.equals("/dev/null")) {
                out.add(generate(length, chars));
                continue;
            }
            Path path = Path.of(file);
            if (!path.isAbsolute()) {
                List<Path> bases = session.scope().searchPaths();
                path = (bases.isEmpty() ? Path.of(".") : bases.get(bases.size() - 1)).resolve(file);
            }
            out.add(storedOrNew(path, length, chars));
        }
        return out;
    }

    private static synchronized String storedOrNew(Path path, int length, String chars) {
        try {
            if (Files.exists(path)) {
                String content = Files.readString(path, StandardCharsets.UTF_8).stripTrailing();
                int salt = content.indexOf(" salt=");
                return salt < 0 ? content : content.substring(0, salt);
            }
            String password = generate(length, chars);
            if (path.getParent() != null && !Files.isDirectory(path.getParent())) {
                Files.createDirectories(path.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.writeString(path, password + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            return password;
        } catch (IOException e) {
            throw new RenderFailure("could not read or write the password file " + path + ": " + e.getMessage());
        }
    }

    /** The characters a password is drawn from: named sets (ascii_letters, digits, ...) and literal text; ",," is a comma. */
    static String alphabet(Object chars) {
        if (chars == null) {
            return LETTERS + DIGITS + ".,:-_";
        }
        List<String> parts = new ArrayList<>();
        if (chars instanceof List<?> list) {
            list.forEach(p -> parts.add(PythonRepr.str(p)));
        } else {
            String text = PythonRepr.str(chars);
            StringBuilder part = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == ',' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                    parts.add(part.toString());
                    part.setLength(0);
                    parts.add(",");
                    i++;
                } else if (c == ',') {
                    parts.add(part.toString());
                    part.setLength(0);
                } else {
                    part.append(c);
                }
            }
            parts.add(part.toString());
        }
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            out.append(CHAR_SETS.getOrDefault(part, part));
        }
        if (out.isEmpty()) {
            throw new RenderFailure("the password lookup's chars option gives no characters");
        }
        return out.toString();
    }

    static String generate(int length, String chars) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return out.toString();
    }
}
