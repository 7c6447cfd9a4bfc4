package dev.drover.modules.system;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What Ansible's apt shows for --diff: apt-get's plan, from "Reading state information..." to the "N upgraded" line. */
final class AptOutput {

    private AptOutput() {
    }

    static Map<String, Object> prepared(String stdout) {
        List<String> lines = Arrays.asList(stdout.split("\n", -1));
        int start = lines.indexOf("Reading state information...");
        int end = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("[0-9]+ (packages )?upgraded.*")) {
                end = i;
                break;
            }
        }
        int from = start + 1;
        int to = Math.min(end + 1, lines.size());
        return Map.of("prepared", from >= to ? "" : String.join("\n", lines.subList(from, to)));
    }
}
