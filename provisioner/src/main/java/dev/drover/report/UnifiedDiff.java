package dev.drover.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Unified diffs of two texts, for {@code --diff}: a longest-common-subsequence line diff
 * with three lines of context, in the format diff -u and Ansible print.
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    public static String of(String beforeName, String before, String afterName, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // Walk the table into a list of edits: ' ' keep, '-' remove, '+' add.
        List<char[]> ops = new ArrayList<>();
        List<String> text = new ArrayList<>();
        List<int[]> pos = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new char[] {' '});
                text.add(a.get(i));
                pos.add(new int[] {i++, j++});
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] > lcs[i + 1][j])) {
                ops.add(new char[] {'+'});
                text.add(b.get(j));
                pos.add(new int[] {i, j++});
            } else {
                ops.add(new char[] {'-'});
                text.add(a.get(i));
                pos.add(new int[] {i++, j});
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(beforeName).append('\n').append("+++ ").append(afterName).append('\n');
        int k = 0;
        boolean any = false;
        while (k < ops.size()) {
            if (ops.get(k)[0] == ' ') {
                k++;
                continue;
            }
            any = true;
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // Extend the hunk while changes are within 2*CONTEXT lines of each other.
            int lastChange = k;
            while (end < ops.size()) {
                if (ops.get(end)[0] != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            int aStart = pos.get(start)[0];
            int bStart = pos.get(start)[1];
            int aCount = 0;
            int bCount = 0;
            for (int m = start; m < end; m++) {
                char op = ops.get(m)[0];
                if (op != '+') {
                    aCount++;
                }
                if (op != '-') {
                    bCount++;
                }
            }
            out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount)).append(" @@\n");
            for (int m = start; m < end; m++) {
                out.append(ops.get(m)[0]).append(text.get(m)).append('\n');
            }
            k = end;
        }
        return any ? out.toString() : "";
    }

    private static String range(int start, int count) {
        int first = count == 0 ? start : start + 1;
        return count == 1 ? Integer.toString(first) : first + "," + count;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return lines;
        }
        String[] parts = text.split("\n", -1);
        for (int n = 0; n < parts.length; n++) {
            if (n == parts.length - 1 && parts[n].isEmpty()) {
                break;
            }
            lines.add(parts[n]);
        }
        return lines;
    }
}
