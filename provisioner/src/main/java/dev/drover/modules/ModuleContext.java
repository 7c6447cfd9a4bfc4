package dev.drover.modules;

import dev.drover.transport.Target;

/**
 * Everything a module may touch while it runs on one host: the host itself (through
 * {@link Target}), whether this is a check or diff run, controller-side files, templating
 * with the task's variables, and the session that can reconnect to the host.
 */
public record ModuleContext(Target target, boolean checkMode, boolean diffMode, LocalFiles files,
                            TemplateAccess templates, HostSession session) {

    /** A context whose session cannot reconnect (most callers: modules other than reboot never need to). */
    public ModuleContext(Target target, boolean checkMode, boolean diffMode, LocalFiles files, TemplateAccess templates) {
        this(target, checkMode, diffMode, files, templates, HostSession.NONE);
    }
}
