package dev.drover.exec;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * A play's hosts cut into the batches that {@code serial:} asks for. Each batch runs the
 * whole play (facts, every section, handlers) before the next one starts.
 *
 * <p>As in Ansible: a size is a number or a percentage of all the play's hosts (rounded
 * down, at least 1); a list of sizes is used in order, its last size repeating until every
 * host has had its turn; no serial, 0 or a negative size means one batch of everything.
 */
record HostBatches(List<List<String>> batches) {

    HostBatches {
        batches = batches.stream().map(List::copyOf).toList();
    }

    /** @param serial the rendered {@code serial:} value: null, a number, "30%", or a list of those */
    static HostBatches of(Object serial, List<String> hosts, SourceLocation where) {
        List<?> sizes = serial == null ? List.of() : serial instanceof List<?> list ? list : List.of(serial);
        List<List<String>> batches = new ArrayList<>();
        List<String> left = new ArrayList<>(hosts);
        int index = 0;
        while (!left.isEmpty()) {
            int size = sizes.isEmpty() ? -1 : size(sizes.get(index), hosts.size(), where);
            if (size <= 0) {
                batches.add(left);
                break;
            }
            List<String> batch = new ArrayList<>(left.subList(0, Math.min(size, left.size())));
            left.subList(0, batch.size()).clear();
            batches.add(batch);
            index = Math.min(index + 1, sizes.size() - 1);
        }
        return new HostBatches(batches);
    }

    /** One batch size: Ansible's pct_to_int, where "x%" of n hosts is int(x/100*n), or 1 when that is 0. */
    static int size(Object value, int hostCount, SourceLocation where) {
        String text = String.valueOf(value).strip();
        try {
            if (text.endsWith("%")) {
                int percent = Integer.parseInt(text.substring(0, text.length() - 1).strip());
                int size = (int) (percent / 100.0 * hostCount);
                return size == 0 ? 1 : size;
            }
            return value instanceof Number number ? number.intValue() : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UserError("serial must be a number, a percentage like \"30%\", or a list of them, not '" + text + "'",
                    where, "e.g. 'serial: 2', 'serial: \"25%\"' or 'serial: [1, 5, \"50%\"]'");
        }
    }
}
