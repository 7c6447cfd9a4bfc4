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
 * content), which also prints the path's final stat when the result is not already known
 * exactly. Nothing runs when nothing differs, and nothing but facts in check mode.
 *
 * <p>The common cases go further and decide on the host, in the same command that looks:
 * copy and template with content known here send it with the command and write only when
 * the sha1 differs ({@link dev.drover.modules.files.QuickWrite}); file state=directory
 * makes a missing directory. Either prints {@code K look} and the usual facts when the case
 * is not a simple one, and the module carries on as above.
 *
 * <p>Processes are what a task costs on a small host, so the scripts count them: content
 * is written by the shell's printf ({@link dev.drover.modules.files.PrintfText}) rather
 * than base64 and cat; umask and noclobber are set without a subshell (each command already
 * has its own); chown and chmod run only when the umask or the caller cannot give the
 * result; and the last process of a script (the final stat, the checksum, the content, the
 * rename) is {@code exec}'d in place of the script's shell. An unchanged copy is sha1sum and
 * stat; an unchanged directory is one stat.
 *
 * <p>Results, messages and diffs follow ansible-core 2.14; {@code AnsibleParityTest}
 * (run with {@code -Ddrover.parity=true}) compares them with the real thing.
 */
package dev.drover.modules.files;
