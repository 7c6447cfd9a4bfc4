package dev.drover.modules.files;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ansible's lineinfile: makes sure one line is in a file (replacing the line a regexp or
 * search string finds, else inserting it) or that no matching line is. What is: the file,
 * read in one command. What should be: {@link LineEdit}. What to run: an atomic rewrite,
 * only when the text or the attributes differ.
 */
public final class Lineinfile implements FileModule {

    private static final ArgSpec SPEC = ArgSpec.of(FileArgs.withCommon(
                    Arg.path("path").mandatory().aliases("dest", "destfile", "name"),
                    Arg.str("state").defaultsTo("present").choices("absent", "present"),
                    Arg.str("regexp").aliases("regex"),
                    Arg.str("search_string"),
                    Arg.str("line").aliases("value"),
                    Arg.str("insertafter"),
                    Arg.str("insertbefore"),
                    Arg.bool("backrefs", false),
                    Arg.bool("create", false),
                    Arg.bool("backup", false),
                    Arg.bool("firstmatch", false),
                    Arg.str("validate")))
            .mutuallyExclusive("insertbefore", "insertafter")
            .mutuallyExclusive("regexp", "search_string")
            .mutuallyExclusive("backrefs", "search_string");

    public Lineinfile() {
    }

    @Override
    public String name() {
        return "lineinfile";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, FileModuleError {
        FileArgs.checkSupported(args);
        String path = args.string("path");
        String regexp = args.string("regexp");
        String search = args.string("search_string");
        String line = args.string("line");
        boolean present = args.string("state").equals("present");
        List<String> warnings = emptyPatternWarnings(regexp, search);
        if (present && args.bool("backrefs") && regexp == null) {
            throw new FileModuleError("regexp is required with backrefs=true");
        }
        if (present && line == null) {
            throw new FileModuleError("line is required with state=present");
        }
        if (!present && regexp == null && search == null && line == null) {
            throw new FileModuleError("one of line, search_string, or regexp is required with state=absent");
        }

        EditedFile file = EditedFile.read(context, path, FileAttributes.from(args, path));
        path = file.state().path();
        if (file.isDirectory()) {
            throw new FileModuleError("Path " + path + " is a directory !").with("rc", 256);
        }
        if (!present && !file.exists()) {
            return ModuleResult.builder().msg("file not present").build();
        }
        if (present && !file.exists() && !args.bool("create")) {
            throw new FileModuleError("Destination " + path + " does not exist !").with("rc", 257);
        }

        String before = file.text();
        LineEdit.Outcome edit = present
                ? LineEdit.present(before, new LineEdit.Present(regexp, search, line, args.string("insertafter"),
                        args.string("insertbefore"), args.bool("backrefs"), args.bool("firstmatch")))
                : LineEdit.absent(before, regexp, search, line);
        Map<String, Object> contentDiff = FileResults.contentDiff(path,
                context.diffMode() ? PythonRegex.textOf(before) : "",
                context.diffMode() ? PythonRegex.textOf(edit.text()) : "");

        if (context.checkMode() && !file.exists()) {
            return finish(ModuleResult.builder().changed(edit.changed()).msg(edit.msg()).put("backup", "")
                    .put("diff", contentDiff), warnings);
        }
        EditedFile.Applied applied = file.apply(edit.changed() ? edit.text() : null, args.bool("backup"),
                args.string("validate"), !file.exists());
        boolean changed = edit.changed();
        String msg = edit.msg();
        if (applied.attributes().changed()) {
            msg = (changed ? msg + " and " : msg) + "ownership, perms or SE linux context changed";
            changed = true;
        }
        ModuleResult.Builder result = ModuleResult.builder().changed(changed);
        if (!present) {
            result.put("found", edit.found());
        }
        result.msg(msg).put("backup", applied.backupFile() == null ? "" : applied.backupFile())
                .put("diff", List.of(contentDiff, FileResults.attributesDiff(path, applied.attributes())));
        return finish(result, warnings);
    }

    private static List<String> emptyPatternWarnings(String regexp, String search) {
        List<String> warnings = new ArrayList<>();
        if ("".equals(regexp) || "".equals(search)) {
            String name = "".equals(regexp) ? "regular expression" : "search string";
            String warning = "The " + name + " is an empty string, which will match every line in the file. This may"
                    + " have unintended consequences, such as replacing the last line in the file rather than appending.";
            if ("".equals(regexp)) {
                warning += " If this is desired, use '^' to match every line in the file and avoid this warning.";
            }
            warnings.add(warning);
        }
        return warnings;
    }

    private static ModuleResult finish(ModuleResult.Builder result, List<String> warnings) {
        if (!warnings.isEmpty()) {
            result.put("warnings", warnings);
        }
        return result.build();
    }
}
