package dev.drover.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DateTimeTest {

    @Test
    void everyFieldFromOneInstant() {
        // 2026-11-21 15:59:04.466025 UTC, a Saturday, in week 46 counted from Mondays
        Map<String, Object> dt = DateTime.describe("1795276744 466025123 +0000 UTC", List.of("+0000 UTC", "+0000 UTC"));

        assertThat(dt).containsEntry("year", "2026").containsEntry("month", "11").containsEntry("day", "21")
                .containsEntry("hour", "15").containsEntry("minute", "59").containsEntry("second", "04")
                .containsEntry("weekday", "Saturday").containsEntry("weekday_number", "6").containsEntry("weeknumber", "46")
                .containsEntry("epoch", "1795276744").containsEntry("epoch_int", "1795276744")
                .containsEntry("date", "2026-11-21").containsEntry("time", "15:59:04")
                .containsEntry("iso8601", "2026-11-21T15:59:04Z").containsEntry("iso8601_micro", "2026-11-21T15:59:04.466025Z")
                .containsEntry("iso8601_basic", "20261121T155904466025").containsEntry("iso8601_basic_short", "20261121T155904")
                .containsEntry("tz", "UTC").containsEntry("tz_dst", "UTC").containsEntry("tz_offset", "+0000");
    }

    @Test
    void localFieldsUseTheZoneAndUtcFieldsDoNot() {
        Map<String, Object> dt = DateTime.describe("1795276744 000001000 +0100 CET", List.of("+0100 CET", "+0200 CEST"));

        assertThat(dt).containsEntry("hour", "16").containsEntry("time", "16:59:04").containsEntry("iso8601", "2026-11-21T15:59:04Z")
                .containsEntry("iso8601_basic", "20261121T165904000001").containsEntry("tz", "CET")
                .containsEntry("tz_dst", "CEST").containsEntry("tz_offset", "+0100");
    }

    @Test
    void weekNumbersStartOnMonday() {
        // 2023-01-01 was a Sunday: week 0; Monday 2023-01-02 starts week 1
        assertThat(DateTime.describe("1672531200 0 +0000 UTC", List.of()).get("weeknumber")).isEqualTo("00");
        assertThat(DateTime.describe("1672617600 0 +0000 UTC", List.of()).get("weeknumber")).isEqualTo("01");
        assertThat(DateTime.describe("1672617600 0 +0000 UTC", List.of()).get("weekday_number")).isEqualTo("1");
    }

    @Test
    void southernZonesHaveTheirSummerInJanuary() {
        assertThat(DateTime.daylightName(List.of("+1100 AEDT", "+1000 AEST"), "AEST")).isEqualTo("AEDT");
    }
}
