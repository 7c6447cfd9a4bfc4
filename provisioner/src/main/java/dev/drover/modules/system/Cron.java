package dev.drover.modules.system;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's cron: one named job ("#Ansible: NAME" and its line) or one variable in a user's
 * crontab or a cron.d file. What is: the crontab, one command. What should be:
 * {@link CronTab}. What to run: crontab (user crontab) or a rewrite of the file.
 */
public final class Cron implements SystemModule {

    private static final ArgSpec SPEC = ArgSpec.of(
                    Arg.str("name").mandatory(),
                    Arg.str("user"),
                    Arg.str("job").aliases("value"),
                    Arg.path("cron_file"),
                    Arg.str("state").defaultsTo("present").choices("present", "absent"),
                    Arg.bool("backup", false),
                    Arg.str("minute").defaultsTo("*"),
                    Arg.str("hour").defaultsTo("*"),
                    Arg.str("day").defaultsTo("*").aliases("dom"),
                    Arg.str("month").defaultsTo("*"),
                    Arg.str("weekday").defaultsTo("*").aliases("dow"),
                    Arg.str("special_time").choices("reboot", "yearly", "annually", "monthly", "weekly", "daily", "hourly"),
                    Arg.bool("disabled", false),
                    Arg.bool("env", false),
                    Arg.str("insertafter"),
                    Arg.str("insertbefore"))
            .mutuallyExclusive("insertafter", "insertbefore");

    @Override
    public String name() {
        return "cron";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, ModuleFailure {
        String name = args.string("name");
        String user = args.string("user");
        String job = args.string("job");
        String cronFileArg = args.string("cron_file");
        boolean install = args.string("state").equals("present");
        boolean check = context.checkMode();
        List<String> warnings = new ArrayList<>();
        if (args.bool("backup")) {
            throw new ModuleFailure("drover's cron module does not support backup=true yet");
        }
        String cronFile = null;
        if (cronFileArg != null) {
            if (cronFileArg.equals("/etc/crontab")) {
                throw new ModuleFailure("Will not manage /etc/crontab via cron_file, see documentation.");
            }
            String base = cronFileArg.substring(cronFileArg.lastIndexOf('/') + 1);
            if (!base.matches("(?i)^[A-Z0-9_-]+$")) {
                warnings.add("Filename portion of cron_file (\"" + base + "\") should consist solely of upper- and"
                        + " lower-case letters, digits, underscores, and hyphens");
            }
            cronFile = cronFileArg.startsWith("/") ? cronFileArg : "/etc/cron.d/" + cronFileArg;
        }
        CronTab crontab = read(context, user, cronFile);

        String special = args.string("special_time");
        if (special != null && List.of("minute", "hour", "day", "month", "weekday").stream()
                .anyMatch(f -> !args.string(f).equals("*"))) {
            throw new ModuleFailure("You must specify time and date fields or special time.");
        }
        if (install) {
            if (cronFile != null && user == null) {
                throw new ModuleFailure("To use cron_file=... parameter you must specify user=... as well");
            }
            if (job == null) {
                throw new ModuleFailure("You must specify 'job' to install a new cron job or variable");
            }
            if ((args.has("insertafter") || args.has("insertbefore")) && !args.bool("env")) {
                throw new ModuleFailure("Insertafter and insertbefore parameters are valid only with env=yes");
            }
        }
        Map<String, Object> diff = new LinkedHashMap<>();
        String header = cronFile != null ? cronFile : user != null ? "crontab for user \"" + user + "\"" : "crontab";
        diff.put("before", crontab.existing());
        diff.put("before_header", header);

        boolean changed = false;
        if (args.bool("env")) {
            if (name.contains(" ")) {
                throw new ModuleFailure("Invalid name for environment variable");
            }
            String decl = name + "=\"" + job + "\"";
            int old = crontab.findEnv(name);
            if (install) {
                if (old < 0) {
                    if (!crontab.addEnv(decl, args.string("insertafter"), args.string("insertbefore"))) {
                        String other = args.has("insertafter") ? args.string("insertafter") : args.string("insertbefore");
                        throw new ModuleFailure("Variable named '" + other + "' not found.");
                    }
                    changed = true;
                } else if (!crontab.line(old).equals(decl)) {
                    crontab.updateEnv(name, decl);
                    changed = true;
                }
            } else if (old >= 0) {
                crontab.updateEnv(name, null);
                changed = true;
            }
        } else if (install) {
            String stripped = job.replaceAll("^[\r\n]+|[\r\n]+$", "");
            if (stripped.contains("\r") || stripped.contains("\n")) {
                warnings.add("Job should not contain line breaks");
            }
            String line = CronTab.jobLine(args.string("minute"), args.string("hour"), args.string("day"),
                    args.string("month"), args.string("weekday"), job, special, args.bool("disabled"),
                    cronFile == null ? null : user);
            List<Object> old = crontab.findJob(name, line);
            if (old.isEmpty()) {
                crontab.addJob(name, line);
                changed = true;
            } else if (!old.get(1).equals(line) || old.size() > 2) {
                crontab.updateJob(name, line);
                changed = true;
            }
        } else if (!crontab.findJob(name, null).isEmpty()) {
            crontab.updateJob(name, null);
            changed = true;
            if (cronFile != null && crontab.isEmpty()) {
                Map<String, Object> fileDiff = new LinkedHashMap<>();
                if (context.diffMode()) {
                    fileDiff.putAll(diff);
                    fileDiff.put("after", "");
                    fileDiff.put("after_header", "/dev/null");
                }
                String rm = (check ? "[ -f " : "rm -- ") + ShellQuote.quote(cronFile) + (check ? " ]" : "");
                changed = HostRun.sh(context.target(), rm).ok();
                return ModuleResult.builder().changed(changed).put("cron_file", cronFileArg).put("state", "absent")
                        .put("diff", fileDiff).build();
            }
        }
        if (!changed && !crontab.existing().isEmpty()
                && !(crontab.existing().endsWith("\r") || crontab.existing().endsWith("\n"))) {
            changed = true;
        }
        ModuleResult.Builder result = ModuleResult.builder().put("jobs", crontab.jobNames()).put("envs", crontab.envNames())
                .put("warnings", warnings).changed(changed);
        if (changed) {
            if (!check) {
                write(context, user, cronFile, crontab.render());
            }
            if (context.diffMode()) {
                diff.put("after", crontab.render());
                diff.put("after_header", header);
                result.put("diff", diff);
            }
        }
        if (cronFileArg != null) {
            result.put("cron_file", cronFileArg);
        }
        return result.build();
    }

    private static CronTab read(ModuleContext context, String user, String cronFile) throws IOException, ModuleFailure {
        String sh = "command -v crontab >/dev/null || { printf 'NOCRONTAB %s\\n' \"$PATH\"; exit 0; }\n"
                + (cronFile != null
                ? "[ ! -e " + ShellQuote.quote(cronFile) + " ] || exec cat -- " + ShellQuote.quote(cronFile)
                : "crontab " + (user == null ? "" : "-u " + ShellQuote.quote(user) + " ") + "-l 2>/dev/null\n"
                        + "r=$?; [ $r -le 1 ] || echo \"CRONTAB-FAILED $r\" >&2; exit $r");
        HostRun ran = HostRun.sh(context.target(), sh);
        if (ran.stdout().startsWith("NOCRONTAB ")) {
            throw new ModuleFailure("Failed to find required executable \"crontab\" in paths: "
                    + searchPath(ran.stdout().substring("NOCRONTAB ".length()).strip()));
        }
        if (ran.stderr().contains("CRONTAB-FAILED")) {
            throw new ModuleFailure("Unable to read crontab");
        }
        if (cronFile != null && ran.rc() != 0) {
            throw new ModuleFailure("Unexpected error: " + ran.stderr().strip());
        }
        return cronFile != null ? CronTab.ofFile(ran.stdout()) : CronTab.ofUserCrontab(ran.stdout());
    }

    /** Ansible's get_bin_path looks in PATH plus the sbin directories. */
    private static String searchPath(String path) {
        List<String> dirs = new ArrayList<>(List.of(path.split(":")));
        for (String sbin : List.of("/sbin", "/usr/sbin", "/usr/local/sbin")) {
            if (!dirs.contains(sbin)) {
                dirs.add(sbin);
            }
        }
        return String.join(":", dirs);
    }

    private static void write(ModuleContext context, String user, String cronFile, String text)
            throws IOException, ModuleFailure {
        String sh = cronFile != null
                ? "umask 022; cat > " + ShellQuote.quote(cronFile)
                : "crontab " + (user == null ? "" : "-u " + ShellQuote.quote(user) + " ") + "-";
        HostRun ran = HostRun.sh(context.target(), sh, text);
        if (!ran.ok()) {
            throw new ModuleFailure(ran.stderr());
        }
    }
}
