package dev.drover.modules.files;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Ansible's blockinfile: keeps a block of lines between two marker lines in a file, or
 * removes it. What is: the file, read in one command. What should be: {@link BlockEdit}.
 * What to run: an atomic rewrite, only when the text or the attributes differ.
 */
public final class Blockinfile implements FileModule {

    private static final ArgSpec SPEC = ArgSpec.of(FileArgs.withCommon(
                    Arg.path("path").mandatory().aliases("dest", "destfile", "name"),
                    Arg.str("state").defaultsTo("present").choices("absent", "present"),
                    Arg.str("marker").defaultsTo("# {mark} ANSIBLE MANAGED BLOCK"),
                    Arg.str("block").defaultsTo("").aliases("content"),
                    Arg.str("insertafter"),
                    Arg.str("insertbefore"),
                    Arg.bool("create", false),
                    Arg.bool("backup", false),
                    Arg.str("validate"),
                    Arg.str("marker_begin").defaultsTo("BEGIN"),
                    Arg.str("marker_end").defaultsTo("END")))
            .mutuallyExclusive("insertbefore", "insertafter");

    public Blockinfile() {
    }

    @Override
    public String name() {
        return "blockinfile";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, FileModuleError {
        FileArgs.checkSupported(args);
        boolean present = args.string("state").equals("present");
        EditedFile file = EditedFile.read(context, args.string("path"), FileAttributes.from(args, args.string("path")));
        String path = file.state().path();
        if (file.isDirectory()) {
            throw new FileModuleError("Path " + path + " is a directory !").with("rc", 256);
        }
        if (!file.exists() && !args.bool("create")) {
            throw new FileModuleError("Path " + path + " does not exist !").with("rc", 257);
        }
        if (!present && !file.exists()) {
            return ModuleResult.builder().msg("File " + path + " not present").build();
        }

        String original = file.exists() ? file.text() : null;
        BlockEdit.Outcome edit = BlockEdit.apply(new BlockEdit.Request(original, present, args.string("block"),
                args.string("marker"), args.string("marker_begin"), args.string("marker_end"),
                args.string("insertafter"), args.string("insertbefore")));
        Map<String, Object> contentDiff = FileResults.contentDiff(path,
                context.diffMode() && original != null ? PythonRegex.textOf(original) : "",
                context.diffMode() ? PythonRegex.textOf(edit.text()) : "");

        if (context.checkMode() && !file.exists()) {
            return ModuleResult.builder().changed(edit.changed()).msg(edit.msg()).put("diff", contentDiff).build();
        }
        EditedFile.Applied applied = file.apply(edit.changed() ? edit.text() : null, args.bool("backup"),
                args.string("validate"), !file.exists());
        boolean changed = edit.changed();
        String msg = edit.msg();
        if (applied.attributes().changed()) {
            msg = (changed ? msg + " and " : msg) + "ownership, perms or SE linux context changed";
            changed = true;
        }
        ModuleResult.Builder result = ModuleResult.builder().changed(changed).msg(msg)
                .put("diff", List.of(contentDiff, FileResults.attributesDiff(path, applied.attributes())));
        if (applied.backupFile() != null) {
            result.put("backup_file", applied.backupFile());
        }
        return result.build();
    }
}
