package dev.drover.modules.files;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's replace: every match of a Python regular expression (MULTILINE) in a file is
 * replaced, optionally only in the section after/before two other expressions. What is:
 * the file, read in one command. What should be: {@link #edit}, pure Java. What to run: an
 * atomic rewrite when the text or the attributes differ.
 */
public final class Replace implements FileModule {

    private static final ArgSpec SPEC = ArgSpec.of(FileArgs.withCommon(
            Arg.path("path").mandatory().aliases("dest", "destfile", "name"),
            Arg.str("regexp").mandatory(),
            Arg.str("replace").defaultsTo(""),
            Arg.str("after"),
            Arg.str("before"),
            Arg.bool("backup", false),
            Arg.str("validate"),
            Arg.str("encoding").defaultsTo("utf-8")));

    /** The outcome of editing the text: the new text and how many replacements made it. */
    record Edit(String text, int count, String sectionPattern, boolean sectionFound) {

        boolean changed(String before) {
            return count > 0 && !text.equals(before);
        }
    }

    @Override
    public String name() {
        return "replace";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, FileModuleError {
        FileArgs.checkSupported(args);
        Charset encoding;
        try {
            encoding = Charset.forName(args.string("encoding"));
        } catch (IllegalArgumentException e) {
            throw new FileModuleError("unknown encoding: " + args.string("encoding"));
        }
        EditedFile file = EditedFile.read(context, args.string("path"), FileAttributes.from(args, args.string("path")));
        String path = file.state().path();
        if (file.isDirectory()) {
            throw new FileModuleError("Path " + path + " is a directory !").with("rc", 256);
        }
        if (!file.exists()) {
            throw new FileModuleError("Path " + path + " does not exist !").with("rc", 257);
        }
        String before = new String(file.text().getBytes(StandardCharsets.ISO_8859_1), encoding);
        Edit edit = edit(before, args.string("regexp"), args.string("replace"), args.string("after"), args.string("before"));
        if (!edit.sectionFound()) {
            return ModuleResult.builder().put("rc", 0).msg("Pattern for before/after params did not match the given file: "
                    + edit.sectionPattern()).build();
        }
        boolean changed = edit.changed(before);
        String msg = changed ? edit.count() + " replacements made" : "";
        String newBytes = changed ? new String(edit.text().getBytes(encoding), StandardCharsets.ISO_8859_1) : null;
        EditedFile.Applied applied = file.apply(newBytes, args.bool("backup"), args.string("validate"), false);
        if (applied.attributes().changed()) {
            msg = (changed ? msg + " and " : msg) + "ownership, perms or SE linux context changed";
            changed = true;
        }
        ModuleResult.Builder result = ModuleResult.builder().changed(changed).put("rc", 0);
        if (edit.changed(before) && context.diffMode()) {
            Map<String, Object> diff = new LinkedHashMap<>();
            diff.put("before_header", path);
            diff.put("before", before);
            diff.put("after_header", path);
            diff.put("after", edit.text());
            result.put("diff", diff);
        }
        if (applied.backupFile() != null) {
            result.put("backup_file", applied.backupFile());
        }
        return result.msg(msg).build();
    }

    /** Python's re.subn with MULTILINE over the whole text, or over the section between after and before. */
    static Edit edit(String text, String regexp, String replacement, String after, String before) throws FileModuleError {
        String sectionPattern = "";
        if (after != null && !after.isEmpty() && before != null && !before.isEmpty()) {
            sectionPattern = after + "(?P<subsection>.*?)" + before;
        } else if (after != null && !after.isEmpty()) {
            sectionPattern = after + "(?P<subsection>.*)";
        } else if (before != null && !before.isEmpty()) {
            sectionPattern = "(?P<subsection>.*)" + before;
        }
        int start = 0;
        int end = text.length();
        if (!sectionPattern.isEmpty()) {
            PythonRegex section = PythonRegex.compileText(sectionPattern, Pattern.DOTALL);
            Matcher found = section.matcher(text);
            if (!found.find()) {
                return new Edit(text, 0, sectionPattern, false);
            }
            start = found.start(1);
            end = found.end(1);
        }
        PythonRegex pattern = PythonRegex.compileText(regexp, Pattern.MULTILINE);
        Matcher match = pattern.matcher(text).region(start, end);
        // Python's ^ and $ see the section as the whole string; so do Java's with opaque, anchoring bounds.
        match.useAnchoringBounds(true).useTransparentBounds(false);
        StringBuilder out = new StringBuilder(text.substring(0, start));
        int count = 0;
        int last = start;
        while (match.find()) {
            out.append(text, last, match.start()).append(pattern.expand(match, replacement));
            last = match.end();
            count++;
        }
        out.append(text, last, end).append(text.substring(end));
        return new Edit(out.toString(), count, sectionPattern, true);
    }
}
