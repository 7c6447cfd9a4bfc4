package dev.drover.checks;

import java.util.List;

/** TAP 13: ok / not ok per property; skips are # SKIP, warnings # TODO (failures that do not count). */
final class TapReport {

    private TapReport() {
    }

    static String render(List<HostReport> reports) {
        int total = reports.stream().mapToInt(r -> r.results().size()).sum();
        StringBuilder tap = new StringBuilder("1..").append(total).append('\n');
        int number = 0;
        for (HostReport report : reports) {
            for (CheckResult result : report.results()) {
                number++;
                String line = report.host() + ": " + Lines.of(result).replace('\n', ' ').replace("#", "\\#");
                switch (result.outcome()) {
                    case PASS -> tap.append("ok ").append(number).append(" - ").append(line);
                    case FAIL -> tap.append("not ok ").append(number).append(" - ").append(line);
                    case SKIP -> tap.append("ok ").append(number).append(" - ").append(line).append(" # SKIP");
                    case WARN -> tap.append("not ok ").append(number).append(" - ").append(line).append(" # TODO warning");
                }
                tap.append('\n');
            }
        }
        return tap.toString();
    }
}
