package dev.drover.checks;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A check's {@code timeout:}: a number is milliseconds, as in Goss; text may carry a unit (500ms, 2s, 1m). */
final class Timeouts {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)");

    private Timeouts() {
    }

    /** The timeout written, or null when there is none. */
    static Duration parse(Object value, String what, SourceLocation where) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return positive(Duration.ofMillis(n.longValue()), what, where);
        }
        String text = String.valueOf(value).strip();
        if (text.matches("\\d+")) {
            return positive(Duration.ofMillis(Long.parseLong(text)), what, where);
        }
        Matcher unit = WITH_UNIT.matcher(text);
        if (!unit.matches()) {
            throw new UserError(what + ": timeout must be milliseconds (2000) or a duration (2s, 500ms, 1m), found '"
                    + text + "'", where, null);
        }
        double amount = Double.parseDouble(unit.group(1));
        long millis = switch (unit.group(2)) {
            case "ms" -> (long) amount;
            case "s" -> (long) (amount * 1000);
            default -> (long) (amount * 60_000);
        };
        return positive(Duration.ofMillis(millis), what, where);
    }

    private static Duration positive(Duration timeout, String what, SourceLocation where) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new UserError(what + ": timeout must be above zero", where, null);
        }
        return timeout;
    }

    /** For messages and coreutils timeout: whole seconds when whole, else decimals. */
    static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0);
    }
}
