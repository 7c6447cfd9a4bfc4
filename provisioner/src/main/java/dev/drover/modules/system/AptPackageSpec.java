package dev.drover.modules.system;

import java.util.regex.Pattern;

/**
 * One entry of apt's {@code name} list: {@code tree}, {@code tree=2.1*} (a shell pattern on
 * the version) or {@code tree>=2.0}. A spec with two '=' is refused, as Ansible does.
 *
 * @param comparison null, "=" or ">="
 */
record AptPackageSpec(String spec, String name, String comparison, String version) {

    static AptPackageSpec parse(String spec) throws ModuleFailure {
        String text = spec.strip();
        if (text.chars().filter(c -> c == '=').count() > 1) {
            throw new ModuleFailure("invalid package spec: " + text);
        }
        int ge = text.indexOf(">=");
        int eq = text.indexOf('=');
        if (ge >= 0 && ge < eq) {
            return new AptPackageSpec(text, text.substring(0, ge), ">=", text.substring(ge + 2));
        }
        if (eq >= 0) {
            return new AptPackageSpec(text, text.substring(0, eq), "=", text.substring(eq + 1));
        }
        return new AptPackageSpec(text, text, null, null);
    }

    /** Whether an installed (or candidate) version satisfies this spec. */
    boolean accepts(String candidate) {
        if (comparison == null) {
            return true;
        }
        if (comparison.equals("=")) {
            return glob(version).matcher(candidate).matches();
        }
        return DebianVersion.compare(candidate, version) >= 0;
    }

    /** Python's fnmatch: * ? [seq] [!seq]. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[' && pattern.indexOf(']', i + 1) > i + 1) {
                int end = pattern.indexOf(']', i + 2);
                String set = pattern.substring(i + 1, end);
                String members = set.startsWith("!") ? "^" + set.substring(1) : set;
                regex.append('[').append(members.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = end;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
