package dev.drover.modules.source;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.modules.files.RemotePath;
import dev.drover.transport.CommandResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's git: a checkout of {@code repo} at {@code version} (a branch, a tag, a commit,
 * or the remote's HEAD) in {@code dest}, cloned when missing, fetched and switched when
 * {@code update}; local modifications fail the task unless {@code force}. What is: one
 * command (HEAD, the origin URL, local modifications, and the remote's commit for the
 * version from git ls-remote); what to run: clone, or set-url + fetch + checkout, only when
 * the commit or the URL differs. Results: before, after, remote_url_changed, as Ansible.
 */
public final class Git implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.path("dest"),
            Arg.str("repo").mandatory().aliases("name"),
            Arg.str("version").defaultsTo("HEAD"),
            Arg.str("remote").defaultsTo("origin"),
            Arg.str("refspec"),
            Arg.str("reference"),
            Arg.bool("force", false),
            Arg.of("depth", ArgType.INT),
            Arg.bool("clone", true),
            Arg.bool("update", true),
            Arg.bool("verify_commit", false),
            Arg.of("gpg_whitelist", ArgType.LIST).defaultsTo(List.of()),
            Arg.bool("accept_hostkey", false),
            Arg.bool("accept_newhostkey", false),
            Arg.path("key_file"),
            Arg.str("ssh_opts"),
            Arg.path("executable"),
            Arg.bool("bare", false),
            Arg.bool("recursive", true),
            Arg.bool("single_branch", false),
            Arg.bool("track_submodules", false),
            Arg.raw("umask"),
            Arg.path("archive"),
            Arg.str("archive_prefix"),
            Arg.path("separate_git_dir"));

    @Override
    public String name() {
        return "git";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    /** What the first command learned about the checkout and the remote. */
    record Checkout(boolean cloned, String head, String url, boolean localMods, String remoteHead, String versionKind,
                    String headBranch) {
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        for (String unsupported : List.of("archive", "separate_git_dir", "reference", "refspec", "key_file", "ssh_opts")) {
            if (args.has(unsupported)) {
                return ModuleResult.failed("the " + unsupported + " argument of git is not supported by drover yet");
            }
        }
        if (args.bool("bare") || args.bool("verify_commit")) {
            return ModuleResult.failed("bare and verify_commit are not supported by drover's git module yet");
        }
        String dest = args.string("dest");
        boolean allowClone = args.bool("clone");
        if (dest == null && allowClone) {
            return ModuleResult.failed("the destination directory must be specified unless clone=no");
        }
        String git = args.has("executable") ? args.string("executable") : "git";
        String repo = args.string("repo");
        if (repo.startsWith("/")) {
            // As Ansible does: a path becomes a file:// URL (depth needs one), and that is the URL origin gets.
            repo = "file://" + repo;
        }
        String version = args.string("version");
        String remote = args.string("remote");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", false);
        result.put("warnings", List.of());
        result.put("before", null);

        Checkout now = look(context, git, dest, repo, remote, version);
        if (now == null) {
            return ModuleResult.failed("Failed to find required executable \"" + git + "\" in paths: "
                    + "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        }
        String d = dest == null ? null : RemotePath.word(dest);
        if (!now.cloned()) {
            if (context.checkMode() || !allowClone) {
                result.put("changed", true);
                result.put("after", now.remoteHead());
                return ModuleResult.builder().putAll(result).build();
            }
            List<String> clone = new ArrayList<>(List.of(git, "clone"));
            if (args.has("depth")) {
                clone.add("--depth");
                clone.add(String.valueOf(args.integer("depth")));
                if (!version.equals("HEAD") && !now.versionKind().equals("commit")) {
                    clone.add("--branch");
                    clone.add(version);
                }
            }
            if (args.bool("single_branch")) {
                clone.add("--single-branch");
            }
            clone.add("--origin");
            clone.add(remote);
            clone.add(repo);
            String sh = ShellQuote.join(clone) + " " + d + " && cd " + d + " && " + switchVersion(git, remote, version,
                    now.versionKind(), now.headBranch());
            CommandResult ran = context.target().run(sh + "\n" + git + " rev-parse HEAD");
            if (!ran.ok()) {
                return ModuleResult.builder().putAll(result).failed("Failed to clone or check out " + repo + ": "
                        + ran.err().trim()).build();
            }
            result.put("after", lastLine(ran.out()));
            result.put("changed", true);
            return ModuleResult.builder().putAll(result).build();
        }
        if (!args.bool("update")) {
            result.put("before", now.head());
            result.put("after", now.head());
            return ModuleResult.builder().putAll(result).build();
        }
        result.put("before", now.head());
        boolean localMods = now.localMods();
        String msg = null;
        if (localMods) {
            if (!args.bool("force")) {
                return ModuleResult.builder().putAll(result).failed("Local modifications exist in the destination: "
                        + dest + " (force=no).").build();
            }
            if (!context.checkMode()) {
                CommandResult reset = context.target().run("cd " + d + " && " + git + " reset --hard HEAD");
                if (!reset.ok()) {
                    return ModuleResult.builder().putAll(result).failed("Failed to reset: " + reset.err().trim()).build();
                }
                result.put("changed", true);
                msg = "Local modifications exist in the destination: " + dest;
            }
        }
        boolean urlChanged = now.url() != null && !now.url().isEmpty() && !now.url().equals(repo)
                && !unfrack(now.url()).equals(unfrack(repo));
        result.put("remote_url_changed", urlChanged);
        if (context.checkMode()) {
            result.put("changed", !now.head().equals(now.remoteHead()) || urlChanged);
            result.put("after", now.remoteHead());
            return ModuleResult.builder().putAll(result).msg(msg).build();
        }
        if (now.head().equals(now.remoteHead()) && !urlChanged && !localMods && onVersion(now, version)) {
            result.put("after", now.head());
            return ModuleResult.builder().putAll(result).msg(msg).build();
        }
        String depth = args.has("depth") ? " --depth " + args.integer("depth") : "";
        String sh = "cd " + d + " || exit 1\n"
                + (urlChanged ? git + " remote set-url " + ShellQuote.quote(remote) + " " + ShellQuote.quote(repo) + " || exit 1\n" : "")
                + git + " fetch" + depth + " --tags --force " + ShellQuote.quote(remote) + " '+refs/heads/*:refs/remotes/"
                + remote.replace("'", "") + "/*' || exit 1\n"
                + switchVersion(git, remote, version, now.versionKind(), now.headBranch()) + " || exit 1\n"
                + git + " rev-parse HEAD";
        CommandResult ran = context.target().run(sh);
        if (!ran.ok()) {
            return ModuleResult.builder().putAll(result).failed("Failed to update " + dest + ": " + ran.err().trim()).build();
        }
        String after = lastLine(ran.out());
        result.put("after", after);
        result.put("changed", !after.equals(now.head()) || localMods || urlChanged);
        return ModuleResult.builder().putAll(result).msg(msg).build();
    }

    /** A checkout on the right commit may still be on another branch; a branch version wants that branch. */
    private static boolean onVersion(Checkout now, String version) {
        return !now.versionKind().equals("branch") || version.equals(now.headBranch());
    }

    private static Checkout look(ModuleContext context, String git, String dest, String repo, String remote,
                                 String version) throws IOException {
        String g = ShellQuote.quote(git);
        StringBuilder sh = new StringBuilder("LC_ALL=C; export LC_ALL\ncommand -v ").append(g)
                .append(" >/dev/null 2>&1 || { echo 'X nogit'; exit 0; }\n");
        if (dest != null) {
            String d = RemotePath.word(dest);
            sh.append("if [ -e ").append(d).append("/.git/config ]; then cd ").append(d).append(" || exit 1; echo C\n")
                    .append(" printf 'H %s\\n' \"$(").append(g).append(" rev-parse HEAD 2>/dev/null)\"\n")
                    .append(" printf 'B %s\\n' \"$(").append(g).append(" symbolic-ref -q --short HEAD 2>/dev/null)\"\n")
                    .append(" printf 'U %s\\n' \"$(").append(g).append(" config --get remote.").append(ShellQuote.quote(remote))
                    .append(".url)\"\n")
                    .append(" ").append(g).append(" status --porcelain --untracked-files=no | grep -q . && echo M\n")
                    .append(" r=").append(ShellQuote.quote(remote)).append("\nelse r=").append(ShellQuote.quote(repo))
                    .append("\nfi\n");
        } else {
            sh.append("r=").append(ShellQuote.quote(repo)).append('\n');
        }
        // The remote's commit for the version, as Ansible's get_remote_head asks for it.
        String v = ShellQuote.quote(version);
        sh.append("if [ ").append(v).append(" = HEAD ]; then printf 'R %s\\n' \"$(").append(g)
                .append(" ls-remote \"$r\" HEAD | cut -f1)\"; printf 'D %s\\n' \"$(").append(g)
                .append(" ls-remote --symref \"$r\" HEAD | sed -n 's|^ref: refs/heads/\\([^\\t]*\\)\\tHEAD$|\\1|p')\"; echo 'K head'\n")
                .append("elif h=$(").append(g).append(" ls-remote \"$r\" refs/heads/").append(v).append(" | cut -f1) && [ -n \"$h\" ];")
                .append(" then printf 'R %s\\n' \"$h\"; echo 'K branch'\n")
                .append("elif h=$(").append(g).append(" ls-remote \"$r\" refs/tags/").append(v).append(" refs/tags/").append(v)
                .append("'^{}' | tail -n 1 | cut -f1) && [ -n \"$h\" ]; then printf 'R %s\\n' \"$h\"; echo 'K tag'\n")
                .append("else printf 'R %s\\n' ").append(v).append("; echo 'K commit'; fi\n");
        CommandResult ran = context.target().run(sh.toString());
        boolean cloned = false;
        String head = null;
        String url = null;
        String branch = null;
        String remoteHead = version;
        String kind = "commit";
        String headBranch = null;
        boolean mods = false;
        for (String line : ran.out().split("\n")) {
            if (line.equals("X nogit")) {
                return null;
            }
            if (line.equals("C")) {
                cloned = true;
            } else if (line.equals("M")) {
                mods = true;
            } else if (line.length() >= 2 && line.charAt(1) == ' ') {
                String value = line.substring(2).trim();
                switch (line.charAt(0)) {
                    case 'H' -> head = value;
                    case 'B' -> branch = value;
                    case 'U' -> url = value;
                    case 'R' -> remoteHead = value;
                    case 'K' -> kind = value;
                    case 'D' -> headBranch = value;
                    default -> {
                    }
                }
            }
        }
        if (kind.equals("branch")) {
            headBranch = version;
        }
        // For the remote's HEAD, "on version" means on the remote's default branch.
        return new Checkout(cloned, head, url, mods, remoteHead, kind, kind.equals("head") ? headBranch : branch);
    }

    /** Ansible's switch_version: a branch is checked out and reset to the remote's; a tag or commit is checked out. */
    private static String switchVersion(String git, String remote, String version, String kind, String headBranch) {
        String g = ShellQuote.quote(git);
        String r = ShellQuote.quote(remote);
        if (kind.equals("head") || kind.equals("branch")) {
            String branch = kind.equals("head") ? headBranch : version;
            if (branch == null || branch.isEmpty()) {
                return g + " checkout --force " + r + "/HEAD";
            }
            String b = ShellQuote.quote(branch);
            return "{ " + g + " checkout --force " + b + " 2>/dev/null || " + g + " checkout --force -B " + b + " " + r + "/"
                    + b + "; } && " + g + " reset --hard " + r + "/" + b + " --";
        }
        return g + " checkout --force " + ShellQuote.quote(version) + " --";
    }

    /** Ansible's unfrackgitpath: URLs compared without a trailing slash or ".git". */
    private static String unfrack(String url) {
        return url.replaceAll("/+$", "").replaceAll("\\.git$", "");
    }

    private static String lastLine(String out) {
        String[] lines = out.trim().split("\n");
        return lines[lines.length - 1].trim();
    }
}
