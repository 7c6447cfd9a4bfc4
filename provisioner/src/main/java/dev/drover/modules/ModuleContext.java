package dev.drover.modules;

import dev.drover.transport.Target;

/**
 * Everything a module may touch while it runs on one host: the host itself (through
 * {@link Target}), whether this is a check or diff run, controller-side files, and
 * templating with the task's variables.
 */
public record ModuleContext(Target target, boolean checkMode, boolean diffMode, LocalFiles files,
                            TemplateAccess templates) {
}
