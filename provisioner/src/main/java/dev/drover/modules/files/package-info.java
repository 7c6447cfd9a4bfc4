/**
 * Ansible's file modules (copy, template, file, lineinfile, blockinfile, stat) for hosts
 * that have only POSIX sh and GNU coreutils.
 *
 * <p>Every module reads the same way: <b>what is</b> comes from one {@link
 * dev.drover.modules.files.FileFacts} command (stat, checksum, content, umask, uid lookups
 * for as many paths as needed, in one round trip); <b>what should be</b> is decided in Java
 * by pure code ({@link dev.drover.modules.files.LineEdit}, {@link
 * dev.drover.modules.files.BlockEdit}, {@link dev.drover.modules.files.FileMode}, {@link
 * dev.drover.modules.files.FileAttributes}); <b>what to run</b> is one {@link
 * dev.drover.modules.files.HostScript} (or {@link dev.drover.modules.files.AtomicWrite} for
 * content, bytes over stdin), which also prints the path's final stat so the result needs
 * no further round trip. Nothing runs when nothing differs, and nothing but facts in check
 * mode.
 *
 * <p>Results, messages and diffs follow ansible-core 2.14; {@code AnsibleParityTest}
 * (run with {@code -Ddrover.parity=true}) compares them with the real thing.
 */
package dev.drover.modules.files;
