package dev.drover.exec;

import dev.drover.UserError;
import dev.drover.inventory.VarsDirectory;
import dev.drover.playbook.Play;
import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A play's vars_files: each entry a file, or a list whose first existing file is used; paths may be templated. */
final class PlayVarsFiles {

    private PlayVarsFiles() {
    }

    /** The variables of the play's vars_files, in order; a later file's path may use what an earlier one defined. */
    static Map<String, Object> load(Play play, Map<String, Object> extraVars, Templar templar, Map<String, Object> magic) {
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Object> visible = new LinkedHashMap<>(play.vars());
        visible.putAll(extraVars);
        visible.putAll(magic);
        TemplateScope templateScope = TemplateScope.of(visible);
        for (Object entry : play.varsFiles()) {
            List<?> choices = entry instanceof List<?> list ? list : List.of(entry);
            Path found = null;
            for (Object choice : choices) {
                Path path = play.baseDir().resolve(String.valueOf(templar.render(String.valueOf(choice), templateScope)));
                if (Files.isRegularFile(path)) {
                    found = path;
                    break;
                }
            }
            if (found == null) {
                throw new UserError("vars file not found: " + entry, play.location(),
                        "vars_files paths are relative to the playbook's folder, " + play.baseDir());
            }
            Map<String, Object> loadedVars = VarsDirectory.readVarsFile(found);
            vars.putAll(loadedVars);
            // A later vars_files path may use what an earlier file defined; extra vars still win.
            visible.putAll(loadedVars);
            visible.putAll(extraVars);
        }
        return vars;
    }
}
