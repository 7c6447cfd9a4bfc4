package dev.drover.facts;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ansible's date_time, from one reading of the host's clock ("epoch nanoseconds offset
 * zone") and its zone's names in January and July (for tz_dst): the local and UTC fields
 * are computed here from that one instant, as Python computes them from one time.time().
 */
final class DateTime {

    private DateTime() {
    }

    static Map<String, Object> describe(String clock, List<String> zones) {
        String[] parts = clock.strip().split("\\s+");
        long epoch = Long.parseLong(parts[0]);
        int micros = Integer.parseInt((parts[1] + "000000").substring(0, 6));
        String offsetText = parts.length > 2 ? parts[2] : "+0000";
        String zone = parts.length > 3 ? parts[3] : "UTC";
        ZoneOffset offset = ZoneOffset.of(offsetText.substring(0, 3) + ":" + offsetText.substring(3));
        Instant instant = Instant.ofEpochSecond(epoch, micros * 1000L);
        LocalDateTime now = LocalDateTime.ofInstant(instant, offset);
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        Map<String, Object> dt = new LinkedHashMap<>();
        dt.put("year", String.format("%04d", now.getYear()));
        dt.put("month", two(now.getMonthValue()));
        dt.put("weekday", now.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        dt.put("weekday_number", String.valueOf(now.getDayOfWeek().getValue() % 7));
        dt.put("weeknumber", two(mondayWeek(now)));
        dt.put("day", two(now.getDayOfMonth()));
        dt.put("hour", two(now.getHour()));
        dt.put("minute", two(now.getMinute()));
        dt.put("second", two(now.getSecond()));
        dt.put("epoch", String.valueOf(epoch));
        dt.put("epoch_int", String.valueOf(epoch));
        dt.put("date", String.format("%04d-%02d-%02d", now.getYear(), now.getMonthValue(), now.getDayOfMonth()));
        dt.put("time", String.format("%02d:%02d:%02d", now.getHour(), now.getMinute(), now.getSecond()));
        dt.put("iso8601_micro", String.format("%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", utc.getYear(), utc.getMonthValue(),
                utc.getDayOfMonth(), utc.getHour(), utc.getMinute(), utc.getSecond(), micros));
        dt.put("iso8601", String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", utc.getYear(), utc.getMonthValue(),
                utc.getDayOfMonth(), utc.getHour(), utc.getMinute(), utc.getSecond()));
        dt.put("iso8601_basic", String.format("%04d%02d%02dT%02d%02d%02d%06d", now.getYear(), now.getMonthValue(),
                now.getDayOfMonth(), now.getHour(), now.getMinute(), now.getSecond(), micros));
        dt.put("iso8601_basic_short", String.format("%04d%02d%02dT%02d%02d%02d", now.getYear(), now.getMonthValue(),
                now.getDayOfMonth(), now.getHour(), now.getMinute(), now.getSecond()));
        dt.put("tz", zone);
        dt.put("tz_dst", daylightName(zones, zone));
        dt.put("tz_offset", offsetText);
        return dt;
    }

    /** strftime's %W: weeks of the year starting on Monday, days before the first Monday in week 0. */
    static int mondayWeek(LocalDateTime date) {
        int dayOfYear = date.get(ChronoField.DAY_OF_YEAR) - 1;
        int weekdayFromMonday = date.getDayOfWeek().getValue() - 1;
        return (dayOfYear + 7 - weekdayFromMonday) / 7;
    }

    /**
     * time.tzname[1]: the zone's daylight-saving name, which is the one of January and July
     * with the larger offset; a zone without daylight saving repeats its one name.
     */
    static String daylightName(List<String> zones, String fallback) {
        if (zones.size() < 2) {
            return fallback;
        }
        String[] january = zones.get(0).strip().split("\\s+");
        String[] july = zones.get(1).strip().split("\\s+");
        if (january.length < 2 || july.length < 2) {
            return fallback;
        }
        int jan = Integer.parseInt(january[0].replace("+", ""));
        int jul = Integer.parseInt(july[0].replace("+", ""));
        return jul >= jan ? july[1] : january[1];
    }

    private static String two(int value) {
        return String.format("%02d", value);
    }
}
