package dev.drover.modules.system;

import dev.drover.transport.ShellQuote;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit as one command sees it: {@code systemctl show} (Ansible's {@code status}
 * dict), {@code systemctl is-enabled} (its output and exit code), and whether a SysV init
 * script exists and is linked into a runlevel.
 */
record UnitStatus(int showRc, Map<String, String> status, String isEnabled, int isEnabledRc, boolean initScript,
                  boolean sysvEnabled, String showError) {

    private static final String MARK = "@@drover@@";

    /** POSIX sh reading everything {@link #parse} needs about {@code unit}. */
    static String query(String systemctl, String unit) {
        String u = ShellQuote.quote(unit);
        // show's stdout goes straight out through fd 3; its stderr is captured to explain a failure.
        return "{ e=$(" + systemctl + " show " + u + " 2>&1 1>&3); r=$?; } 3>&1; echo \"" + MARK + "show $r\"\n"
                + "[ -n \"$e\" ] && printf '%s\\n' \"$e\" | sed 's/^/" + MARK + "err /'\n"
                + "o=$(" + systemctl + " is-enabled " + u + " -l 2>/dev/null); r=$?; printf '" + MARK
                + "enabled %s %s\\n' \"$r\" \"$o\"\n"
                + "[ -f /etc/init.d/" + u + " ] && echo '" + MARK + "initd'\n"
                + "for f in /etc/rc?.d/S??" + u + "; do [ -e \"$f\" ] && echo '" + MARK + "sysv' && break; done\n"
                + "exit 0\n";
    }

    static UnitStatus parse(String output) {
        int marker = output.indexOf(MARK + "show ");
        String show = marker < 0 ? output : output.substring(0, marker);
        String rest = marker < 0 ? "" : output.substring(marker);
        int showRc = 0;
        String isEnabled = "";
        int isEnabledRc = 1;
        boolean initd = false;
        boolean sysv = false;
        StringBuilder showError = new StringBuilder();
        for (String line : rest.split("\n")) {
            if (line.startsWith(MARK + "show ")) {
                showRc = Integer.parseInt(line.substring((MARK + "show ").length()).strip());
            } else if (line.startsWith(MARK + "err ")) {
                showError.append(line.substring((MARK + "err ").length())).append('\n');
            } else if (line.startsWith(MARK + "enabled ")) {
                String[] words = line.substring((MARK + "enabled ").length()).split(" ", 2);
                isEnabledRc = Integer.parseInt(words[0]);
                isEnabled = words.length > 1 ? words[1] : "";
            } else if (line.equals(MARK + "initd")) {
                initd = true;
            } else if (line.equals(MARK + "sysv")) {
                sysv = true;
            } else if (!line.isEmpty() && !line.startsWith(MARK)) {
                // The rest of is-enabled's output, when it printed several lines.
                isEnabled = isEnabled + "\n" + line;
            }
        }
        return new UnitStatus(showRc, parseShow(show), isEnabled.strip(), isEnabledRc, initd, sysv, showError.toString());
    }

    /** Ansible's parse_systemctl_show: KEY=VALUE lines, Exec* values in braces may span lines. */
    static Map<String, String> parseShow(String text) {
        Map<String, String> parsed = new LinkedHashMap<>();
        String key = null;
        StringBuilder multi = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (key == null) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String k = line.substring(0, eq);
                String v = line.substring(eq + 1);
                if (k.startsWith("Exec") && v.stripLeading().startsWith("{") && !v.stripTrailing().endsWith("}")) {
                    key = k;
                    multi.setLength(0);
                    multi.append(v);
                    continue;
                }
                parsed.put(k, v.strip());
            } else {
                multi.append('\n').append(line);
                if (line.stripTrailing().endsWith("}")) {
                    parsed.put(key, multi.toString().strip());
                    key = null;
                }
            }
        }
        return parsed;
    }

    boolean isSystemd() {
        return status.containsKey("LoadState") && !status.get("LoadState").equals("not-found");
    }

    boolean isMasked() {
        return "masked".equals(status.get("LoadState"));
    }

    boolean found() {
        return isSystemd() || initScript;
    }

    /** Ansible's view of "enabled": is-enabled succeeds and does not say indirect or alias, or a SysV link says so. */
    boolean enabled() {
        if (isEnabledRc == 0) {
            List<String> lines = List.of(isEnabled.split("\n"));
            return !(lines.equals(List.of("indirect")) || lines.equals(List.of("alias")));
        }
        return isEnabledRc == 1 && initScript && !isEnabled.endsWith("disabled") && sysvEnabled;
    }

    boolean running() {
        String state = status.get("ActiveState");
        return "active".equals(state) || "activating".equals(state);
    }

    boolean deactivating() {
        return "deactivating".equals(status.get("ActiveState"));
    }

    /** The same unit with an earlier {@code status}: Ansible reports the state from before its changes. */
    UnitStatus withStatus(Map<String, String> earlier) {
        return new UnitStatus(showRc, earlier, isEnabled, isEnabledRc, initScript, sysvEnabled, showError);
    }
}
