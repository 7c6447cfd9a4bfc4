package dev.drover.modules.files;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code mode} argument the way Ansible reads it: an int is taken as the mode itself
 * (YAML {@code 0644} arrives as 420 and means 0o644), a string is octal ({@code '0644'},
 * {@code '644'}, {@code '0o644'}) or else symbolic chmod notation ({@code u+rwx,g-w,o=r},
 * {@code a+X}, {@code =r} which honours the umask), and {@code preserve} keeps the source's
 * mode (copy and template resolve it before this class sees it).
 *
 * <p>Symbolic modes depend on the file they apply to, so {@link #resolve} takes the file's
 * current mode, whether it is a directory, and the host's umask.
 */
public final class FileMode {

    private static final int PERM_BITS = 07777;

    private final Integer octal;
    private final String symbolic;

    private FileMode(Integer octal, String symbolic) {
        this.octal = octal;
        this.symbolic = symbolic;
    }

    /** Null when the task gave no mode. Throws {@link FileModuleError} for a mode that is neither octal nor symbolic. */
    public static FileMode parse(Object raw) throws FileModuleError {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Number number) {
            return new FileMode(number.intValue(), null);
        }
        String text = String.valueOf(raw).trim();
        Integer parsed = parseOctal(text);
        if (parsed != null) {
            return new FileMode(parsed, null);
        }
        try {
            applySymbolic(text, 0, false, 022);
        } catch (IllegalArgumentException e) {
            throw new FileModuleError("mode must be in octal or symbolic form").with("details", e.getMessage());
        }
        return new FileMode(null, text);
    }

    /** An octal mode known in advance, e.g. a preserved source mode. */
    public static FileMode of(int mode) {
        return new FileMode(mode, null);
    }

    public boolean isSymbolic() {
        return symbolic != null;
    }

    /** The mode this argument asks for, for a file whose current permission bits are {@code current}. */
    public int resolve(int current, boolean isDirectory, int umask) {
        if (octal != null) {
            return octal;
        }
        return applySymbolic(symbolic, current & PERM_BITS, isDirectory, umask);
    }

    /** Ansible's way of printing a mode in results and diffs: {@code '0%03o'}. */
    public static String format(int mode) {
        String digits = Integer.toOctalString(mode);
        while (digits.length() < 3) {
            digits = "0" + digits;
        }
        return "0" + digits;
    }

    @Override
    public String toString() {
        return octal != null ? format(octal) : symbolic;
    }

    /** Python's int(text, 8): optional sign, optional 0o prefix, underscores between digits. */
    private static Integer parseOctal(String text) {
        String digits = text;
        if (digits.startsWith("0o") || digits.startsWith("0O")) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || !digits.matches("[0-7]+(_[0-7]+)*")) {
            return null;
        }
        try {
            return Integer.parseInt(digits.replace("_", ""), 8);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * chmod's symbolic notation as Ansible implements it: each clause is
     * {@code [ugoa]*} followed by one or more {@code [+-=][rwxXstugo]*}; the permissions a
     * clause copies ({@code g=u}) and whether {@code X} applies are taken from the file's
     * mode before the whole expression, not from the running result.
     */
    static int applySymbolic(String expression, int current, boolean isDirectory, int umask) {
        int mode = current;
        for (String clause : expression.split(",", -1)) {
            // A clause without an operator ("u", or "" from a trailing comma) changes nothing, as in Ansible.
            int opAt = indexOfOperator(clause);
            String users = opAt < 0 ? clause : clause.substring(0, opAt);
            boolean useUmask = users.isEmpty();
            if (users.isEmpty() || users.equals("a")) {
                users = "ugo";
            }
            for (char user : users.toCharArray()) {
                if ("ugo".indexOf(user) < 0) {
                    throw new IllegalArgumentException("bad symbolic permission for mode: " + clause);
                }
            }
            for (Op op : opAt < 0 ? List.<Op>of() : operations(clause.substring(opAt))) {
                for (char user : users.toCharArray()) {
                    int bits = 0;
                    for (char perm : op.perms.toCharArray()) {
                        bits |= permBits(user, perm, current, isDirectory, useUmask, umask, clause);
                    }
                    mode = applyOperation(user, op.operator, bits, mode);
                }
            }
        }
        return mode;
    }

    private record Op(char operator, String perms) {
    }

    private static int indexOfOperator(String clause) {
        for (int i = 0; i < clause.length(); i++) {
            if ("+-=".indexOf(clause.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<Op> operations(String text) {
        List<Op> ops = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char operator = text.charAt(i);
            int end = i + 1;
            while (end < text.length() && "+-=".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            ops.add(new Op(operator, text.substring(i + 1, end)));
            i = end;
        }
        return ops;
    }

    private static int applyOperation(char user, char operator, int bits, int mode) {
        switch (operator) {
            case '=': {
                int mask = switch (user) {
                    case 'u' -> 04700;
                    case 'g' -> 02070;
                    default -> 01007;
                };
                return (mode & (mask ^ PERM_BITS)) | bits;
            }
            case '+':
                return mode | bits;
            default:
                return mode & ~bits;
        }
    }

    private static int permBits(char user, char perm, int current, boolean isDirectory, boolean useUmask, int umask,
                                String clause) {
        int shift = switch (user) {
            case 'u' -> 6;
            case 'g' -> 3;
            default -> 0;
        };
        int allowed = useUmask ? ~umask & 0777 : 0777;
        switch (perm) {
            case 'r':
                return (04 << shift) & allowed;
            case 'w':
                return (02 << shift) & allowed;
            case 'x':
                return (01 << shift) & allowed;
            case 'X':
                return isDirectory || (current & 0111) != 0 ? 01 << shift : 0;
            case 's':
                return user == 'u' ? 04000 : user == 'g' ? 02000 : 0;
            case 't':
                return user == 'o' ? 01000 : 0;
            case 'u':
                return ((current >> 6) & 07) << shift;
            case 'g':
                return ((current >> 3) & 07) << shift;
            case 'o':
                return (current & 07) << shift;
            default:
                throw new IllegalArgumentException("bad symbolic permission for mode: " + clause);
        }
    }
}
