package dev.drover.playbook;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import dev.drover.vars.LayeredVars;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The names of static imports ({@code import_tasks: "{{ part }}.yml"}, {@code import_role})
 * templated while the playbook is read, with what is known then, as Ansible does: the
 * role's defaults, the play's vars and vars_files, the role's vars, the enclosing blocks'
 * and the import's own vars, and -e. Facts and inventory variables are not known yet.
 */
final class ImportNames {

    private static final Templar TEMPLAR = new Templar();

    private final Map<String, Object> playVars;
    private final Map<String, Object> extraVars;

    /** @param playVars the play's vars with its vars_files' over them */
    ImportNames(Map<String, Object> playVars, Map<String, Object> extraVars) {
        this.playVars = playVars;
        this.extraVars = extraVars;
    }

    /** {@code name}, templated when it has a template; what to do when a variable it uses is not known. */
    String render(String name, String what, Inherited inherited, Map<String, Object> ownVars, SourceLocation where) {
        if (!Templar.hasTemplate(name)) {
            return name;
        }
        List<Map<String, ?>> layers = new ArrayList<>();
        if (inherited.role() != null) {
            layers.add(inherited.role().defaults());
        }
        layers.add(playVars);
        if (inherited.role() != null) {
            layers.add(inherited.role().vars());
        }
        layers.add(inherited.blockVars());
        layers.add(ownVars);
        layers.add(extraVars);
        try {
            return String.valueOf(TEMPLAR.render(name, new TemplateScope(LayeredVars.of(layers), List.of(), what))).strip();
        } catch (UserError e) {
            throw new UserError("Error when evaluating variable in import path: " + name + " (" + e.getMessage() + ")", where,
                    "the name of a static import is templated when the playbook is read: with the play's vars, vars_files,"
                            + " role defaults and vars, and -e; facts and inventory variables are not known yet ("
                            + (what.startsWith("import_role") ? "use include_role" : "use include_tasks") + " for those)");
        }
    }
}
