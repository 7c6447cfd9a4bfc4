package dev.drover.yaml;

import java.math.BigInteger;

/** Turns YAML 1.1 scalars into Java values the way PyYAML's constructor does. */
final class Yaml11Scalars {

    private Yaml11Scalars() {
    }

    static Boolean bool(String text) {
        return switch (text.toLowerCase()) {
            case "yes", "true", "on" -> Boolean.TRUE;
            default -> Boolean.FALSE;
        };
    }

    /** Integers: binary, octal with a leading zero, hex, decimal with underscores, base 60. */
    static Number integer(String text) {
        String digits = text.replace("_", "");
        int sign = 1;
        if (digits.startsWith("-")) {
            sign = -1;
            digits = digits.substring(1);
        } else if (digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        BigInteger value;
        if (digits.equals("0")) {
            value = BigInteger.ZERO;
        } else if (digits.startsWith("0b")) {
            value = new BigInteger(digits.substring(2), 2);
        } else if (digits.startsWith("0x")) {
            value = new BigInteger(digits.substring(2), 16);
        } else if (digits.startsWith("0")) {
            value = new BigInteger(digits.substring(1), 8);
        } else if (digits.contains(":")) {
            value = BigInteger.ZERO;
            for (String part : digits.split(":")) {
                value = value.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
            }
        } else {
            value = new BigInteger(digits);
        }
        return narrow(sign < 0 ? value.negate() : value);
    }

    static Number narrow(BigInteger value) {
        if (value.bitLength() < 32) {
            return value.intValue();
        }
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        return value;
    }

    static Double floating(String text) {
        String digits = text.replace("_", "").toLowerCase();
        if (digits.endsWith(".inf")) {
            return digits.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (digits.equals(".nan")) {
            return Double.NaN;
        }
        if (digits.contains(":")) {
            int sign = digits.startsWith("-") ? -1 : 1;
            String body = digits.replaceFirst("^[-+]", "");
            double value = 0;
            for (String part : body.split(":")) {
                value = value * 60 + Double.parseDouble(part);
            }
            return sign * value;
        }
        return Double.parseDouble(digits);
    }
}
