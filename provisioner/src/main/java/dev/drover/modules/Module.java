package dev.drover.modules;

import java.io.IOException;

/**
 * One Ansible-compatible module. A module reads what is on the host, decides in Java what
 * should change, runs only that change (never in check mode), and reports with Ansible's
 * result fields.
 */
public interface Module {

    /** The name tasks use, e.g. {@code lineinfile}; {@code ansible.builtin.} prefixes are stripped before lookup. */
    String name();

    /** The declared arguments; the executor validates a task's arguments against these before {@link #run}. */
    ArgSpec spec();

    ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException;
}
