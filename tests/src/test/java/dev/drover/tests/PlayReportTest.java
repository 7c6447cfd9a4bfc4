package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlayReportTest {

    // Shaped like ansible.posix.json's output: a meta task without hosts, an ignored failure,
    // a skip, a change and an unreachable host.
    private static final String REPORT = """
            {
              "custom_stats": {},
              "global_custom_stats": {},
              "plays": [
                {
                  "play": {"duration": {}, "id": "1", "name": "first play"},
                  "tasks": [
                    {"task": {"name": "write a file", "id": "2"},
                     "hosts": {"lab1": {"action": "copy", "changed": true, "dest": "/x"},
                               "lab2": {"action": "copy", "changed": false}}},
                    {"task": {"name": "fail on purpose", "id": "3"},
                     "hosts": {"lab1": {"action": "fail", "changed": false, "failed": true, "msg": "expected"}}},
                    {"task": {"name": "flush", "id": "4"}, "hosts": {}}
                  ]
                },
                {
                  "play": {"name": "second play"},
                  "tasks": [
                    {"task": {"name": "conditional"},
                     "hosts": {"lab1": {"changed": false, "skipped": true, "skip_reason": "Conditional result was False"},
                               "lab2": {"msg": "Failed to connect", "unreachable": true, "changed": false}}}
                  ]
                }
              ],
              "stats": {
                "lab1": {"changed": 1, "failures": 0, "ignored": 1, "ok": 2, "rescued": 0, "skipped": 1, "unreachable": 0},
                "lab2": {"changed": 0, "failures": 0, "ignored": 0, "ok": 1, "rescued": 0, "skipped": 0, "unreachable": 1}
              }
            }
            """;

    @Test
    void readsEveryTaskWithEachHostsStatus() {
        PlayReport report = PlayReport.parse(REPORT);

        assertThat(report.tasks()).extracting(PlayReport.TaskReport::name)
                .containsExactly("write a file", "fail on purpose", "flush", "conditional");
        assertThat(report.tasks().get(0).hosts())
                .containsEntry("lab1", TaskStatus.CHANGED)
                .containsEntry("lab2", TaskStatus.OK);
        assertThat(report.tasks().get(1).status("lab1")).isEqualTo(TaskStatus.FAILED);
        assertThat(report.tasks().get(1).status("lab2")).isNull();
        assertThat(report.tasks().get(2).hosts()).isEmpty();
        assertThat(report.tasks().get(3).play()).isEqualTo("second play");
        assertThat(report.tasks().get(3).status("lab1")).isEqualTo(TaskStatus.SKIPPED);
        assertThat(report.tasks().get(3).status("lab2")).isEqualTo(TaskStatus.UNREACHABLE);
    }

    @Test
    void readsTheRecap() {
        PlayReport report = PlayReport.parse(REPORT);

        assertThat(report.stats().get("lab1")).isEqualTo(new PlayReport.HostStats(2, 1, 0, 1, 0, 0, 1));
        assertThat(report.stats().get("lab2").unreachable()).isEqualTo(1);
    }

    @Test
    void listsChangedTasksOfOneHost() {
        assertThat(PlayReport.parse(REPORT).changedTasks("lab1")).extracting(PlayReport.TaskReport::name)
                .containsExactly("write a file");
        assertThat(PlayReport.parse(REPORT).changedTasks("lab2")).isEmpty();
    }

    @Test
    void toleratesALinePrintedBeforeTheDocument() {
        assertThat(PlayReport.parse("a warning\n" + REPORT).tasks()).hasSize(4);
    }

    @Test
    void rejectsOutputThatIsNotAReport() {
        assertThatThrownBy(() -> PlayReport.parse("ERROR! the playbook could not be found"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlayReport.parse("{\"plays\": []}"))
                .hasMessageContaining("without plays and stats");
    }
}
