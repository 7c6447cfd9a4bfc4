package dev.drover.modules.files;

import dev.drover.modules.Arg;
import dev.drover.modules.ModuleArgs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ansible's common file arguments (mode, owner, group, the SELinux ones, attributes,
 * unsafe_writes), which every file-writing module accepts.
 */
public final class FileArgs {

    private FileArgs() {
    }

    /** The module's own arguments followed by the common file arguments. */
    public static Arg[] withCommon(Arg... own) {
        List<Arg> all = new ArrayList<>(Arrays.asList(own));
        all.add(Arg.raw("mode"));
        all.add(Arg.str("owner"));
        all.add(Arg.str("group"));
        all.add(Arg.str("seuser"));
        all.add(Arg.str("serole"));
        all.add(Arg.str("selevel"));
        all.add(Arg.str("setype"));
        all.add(Arg.str("attributes").aliases("attr"));
        all.add(Arg.bool("unsafe_writes", false));
        return all.toArray(Arg[]::new);
    }

    /**
     * Fails for what Drover does not do yet. SELinux arguments are accepted and ignored, as
     * Ansible itself ignores them on hosts without SELinux (Debian's default).
     */
    public static void checkSupported(ModuleArgs args) throws FileModuleError {
        if (args.has("attributes")) {
            throw new FileModuleError("the attributes argument (chattr flags) is not supported by drover;"
                    + " use a command task with chattr instead");
        }
    }
}
