package dev.drover.checks;

import static dev.drover.transport.ShellQuote.quote;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole check file as one remote command: every probe starts in the background under
 * coreutils {@code timeout}, writes its lines to a file of its own, and when all are done
 * the files are printed one after another, each behind a record separator line carrying
 * the probe's number, exit status and start/end times.
 */
final class CheckScript {

    /** ASCII record separator: starts each probe's record. */
    static final char SEPARATOR = '\u001e';

    /** What one probe left: its lines, its exit status (124 = timed out) and how long it took. */
    record Record(int exitCode, Duration duration, Map<String, String> values, String stderr) {
        boolean timedOut() {
            return exitCode == 124 || exitCode == 137;
        }
    }

    private CheckScript() {
    }

    /** As Goss's --max-concurrent default: more checks than this wait for a free slot. */
    static final int MAX_CONCURRENT = 50;

    /** The script for these checks, each with its timeout. */
    static String build(List<Check> checks, List<Duration> timeouts) {
        return build(checks, timeouts, MAX_CONCURRENT);
    }

    static String build(List<Check> checks, List<Duration> timeouts, int maxConcurrent) {
        StringBuilder sh = new StringBuilder();
        sh.append("d=$(mktemp -d) || exit 1\n");
        String acquire = "";
        String release = "";
        if (checks.size() > maxConcurrent) {
            // A FIFO holding one line per free slot: a check reads a line before it starts and writes it back after.
            sh.append("mkfifo \"$d/slots\" && exec 3<>\"$d/slots\" || exit 1\n");
            sh.append("i=0; while [ $i -lt ").append(maxConcurrent).append(" ]; do echo >&3; i=$((i+1)); done\n");
            acquire = "read _ <&3; ";
            release = " echo >&3;";
        }
        // date +%s%N is coreutils; one per start and end is the price of per-check durations.
        sh.append("r(){ ").append(acquire).append("s=$(date +%s%N); timeout -k 1 \"$2\" sh -c \"$3\" >\"$d/$1\" 2>\"$d/$1.e\" </dev/null;"
                + " echo \"$? $s $(date +%s%N)\" >\"$d/$1.r\";").append(release).append(" }\n");
        for (int i = 0; i < checks.size(); i++) {
            sh.append("r ").append(i).append(' ').append(Timeouts.seconds(timeouts.get(i))).append(' ')
                    .append(quote(Probes.snippet(checks.get(i), timeouts.get(i)))).append(" &\n");
        }
        sh.append("wait\n");
        sh.append("i=0; while [ $i -lt ").append(checks.size()).append(" ]; do printf '\\036%s %s\\n' $i \"$(cat \"$d/$i.r\")\";"
                + " cat \"$d/$i\"; printf '\nprobe-stderr:b64='; head -c 4096 \"$d/$i.e\" | base64 -w0; echo; i=$((i+1)); done\n");
        sh.append("rm -rf \"$d\"\n");
        return sh.toString();
    }

    /** Splits the script's output into one record per probe, by number. */
    static Map<Integer, Record> parse(String output) {
        Map<Integer, Record> records = new HashMap<>();
        for (String chunk : output.split(String.valueOf(SEPARATOR))) {
            if (chunk.isBlank()) {
                continue;
            }
            String[] lines = chunk.split("\n");
            String[] header = lines[0].strip().split("\\s+");
            if (header.length < 4) {
                continue;
            }
            int number = Integer.parseInt(header[0]);
            int exitCode = Integer.parseInt(header[1]);
            Duration took = Duration.ofNanos(Math.max(0, Long.parseLong(header[3]) - Long.parseLong(header[2])));
            Map<String, String> values = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                int equals = line.indexOf('=');
                if (equals <= 0) {
                    continue;
                }
                String key = line.substring(0, equals);
                String value = line.substring(equals + 1);
                if (key.endsWith(":b64")) {
                    key = key.substring(0, key.length() - 4);
                    value = new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8);
                }
                values.put(key, value);
            }
            String stderr = values.remove("probe-stderr");
            records.put(number, new Record(exitCode, took, values, stderr == null ? "" : stderr));
        }
        return records;
    }
}
