package dev.drover.template;

/** PyYAML's analyze_scalar: which scalar styles can represent a text unchanged. */
record YamlScalar(boolean multiline, boolean allowFlowPlain, boolean allowBlockPlain, boolean allowSingleQuoted) {

    static boolean printable(int cp) {
        return cp == '\n' || (cp >= 0x20 && cp <= 0x7E) || cp == 0x85 || (cp >= 0xA0 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF) || (cp >= 0x10000 && cp < 0x10FFFF);
    }

    static YamlScalar of(String s) {
        if (s.isEmpty()) {
            return new YamlScalar(false, false, true, true);
        }
        boolean flowIndicators = false;
        boolean blockIndicators = false;
        boolean lineBreaks = false;
        boolean special = false;
        boolean leadingSpace = false;
        boolean leadingBreak = false;
        boolean trailingSpace = false;
        boolean trailingBreak = false;
        boolean breakSpace = false;
        boolean spaceBreak = false;
        if (s.startsWith("---") || s.startsWith("...")) {
            flowIndicators = true;
            blockIndicators = true;
        }
        boolean precededByWhitespace = true;
        boolean followedByWhitespace = s.length() == 1 || isSpaceOrBreak(s.charAt(1));
        boolean previousSpace = false;
        boolean previousBreak = false;
        int[] cps = s.codePoints().toArray();
        for (int index = 0; index < cps.length; index++) {
            int ch = cps[index];
            if (index == 0) {
                if ("#,[]{}&*!|>'\"%@`".indexOf(ch) >= 0) {
                    flowIndicators = true;
                    blockIndicators = true;
                }
                if (ch == '?' || ch == ':') {
                    flowIndicators = true;
                    if (followedByWhitespace) {
                        blockIndicators = true;
                    }
                }
                if (ch == '-' && followedByWhitespace) {
                    flowIndicators = true;
                    blockIndicators = true;
                }
            } else {
                if (",?[]{}".indexOf(ch) >= 0) {
                    flowIndicators = true;
                }
                if (ch == ':') {
                    flowIndicators = true;
                    if (followedByWhitespace) {
                        blockIndicators = true;
                    }
                }
                if (ch == '#' && precededByWhitespace) {
                    flowIndicators = true;
                    blockIndicators = true;
                }
            }
            boolean isBreak = ch == '\n' || ch == 0x85 || ch == 0x2028 || ch == 0x2029;
            if (isBreak) {
                lineBreaks = true;
            }
            if (!(ch == '\n' || (ch >= 0x20 && ch <= 0x7E)) && !printable(ch)) {
                special = true;
            }
            if (ch == ' ') {
                leadingSpace |= index == 0;
                trailingSpace |= index == cps.length - 1;
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            } else if (isBreak) {
                leadingBreak |= index == 0;
                trailingBreak |= index == cps.length - 1;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = ch == 0 || isSpaceOrBreak(ch);
            followedByWhitespace = index + 2 >= cps.length || isSpaceOrBreak(cps[index + 2]);
        }
        boolean flowPlain = true;
        boolean blockPlain = true;
        boolean single = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
            flowPlain = false;
            blockPlain = false;
        }
        if (breakSpace) {
            flowPlain = false;
            blockPlain = false;
            single = false;
        }
        if (spaceBreak || special) {
            flowPlain = false;
            blockPlain = false;
            single = false;
        }
        if (lineBreaks) {
            flowPlain = false;
            blockPlain = false;
        }
        if (flowIndicators) {
            flowPlain = false;
        }
        if (blockIndicators) {
            blockPlain = false;
        }
        return new YamlScalar(lineBreaks, flowPlain, blockPlain, single);
    }

    private static boolean isSpaceOrBreak(int ch) {
        return ch == 0 || ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == 0x85 || ch == 0x2028 || ch == 0x2029;
    }
}
