package dev.drover.wol;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A MAC address; parses {@code aa:bb:cc:dd:ee:ff}, {@code aa-bb-cc-dd-ee-ff},
 * {@code aabb.ccdd.eeff} (Cisco) and {@code aabbccddeeff}, in either case.
 */
public record MacAddress(byte[] bytes) {

    public static final int LENGTH = 6;

    private static final Pattern COLONS = Pattern.compile("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}");
    private static final Pattern DASHES = Pattern.compile("\\p{XDigit}{2}(-\\p{XDigit}{2}){5}");
    private static final Pattern DOTS = Pattern.compile("\\p{XDigit}{4}(\\.\\p{XDigit}{4}){2}");
    private static final Pattern BARE = Pattern.compile("\\p{XDigit}{12}");

    public MacAddress {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, not " + (bytes == null ? 0 : bytes.length));
        }
        bytes = bytes.clone(); // a record is a value: nobody may change it through the caller's array
    }

    /** @throws IllegalArgumentException naming the text and the forms accepted */
    public static MacAddress parse(String text) {
        String t = text == null ? "" : text.strip();
        String hex;
        if (COLONS.matcher(t).matches() || DASHES.matcher(t).matches()) {
            hex = t.replaceAll("[:-]", "");
        } else if (DOTS.matcher(t).matches()) {
            hex = t.replace(".", "");
        } else if (BARE.matcher(t).matches()) {
            hex = t;
        } else {
            throw new IllegalArgumentException("not a MAC address: '" + text
                    + "' (expected aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff, aabb.ccdd.eeff or aabbccddeeff)");
        }
        return new MacAddress(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
    }

    /** True when the text is a MAC address in one of the forms {@link #parse} accepts. */
    public static boolean looksLike(String text) {
        String t = text == null ? "" : text.strip();
        return COLONS.matcher(t).matches() || DASHES.matcher(t).matches() || DOTS.matcher(t).matches()
                || BARE.matcher(t).matches();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes in reverse order: the sleep-on-LAN convention's "MAC reversed". */
    public MacAddress reversed() {
        byte[] r = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            r[i] = bytes[LENGTH - 1 - i];
        }
        return new MacAddress(r);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MacAddress m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Lower case with colons, as {@code ip link} prints it. */
    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
