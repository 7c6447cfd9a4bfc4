package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaybookHeaderTest {

    @Test
    void readsTheLeadingComments() {
        PlaybookHeader header = PlaybookHeader.parse("""
                # What this playbook covers.
                # compare: /srv/difftest /etc/login.defs
                # compare: /etc/sysctl.conf
                # always-changed: touch a stamp
                # always-changed: role : another task
                # options: --tags config --skip-tags slow
                # hosts: 2
                # probe: systemctl is-enabled cron
                # probe: getent passwd deploy
                - name: play
                  hosts: all
                # compare: /ignored/after/the/header
                """);

        assertThat(header.comparePaths()).containsExactly("/srv/difftest", "/etc/login.defs", "/etc/sysctl.conf");
        assertThat(header.alwaysChanged()).containsExactlyInAnyOrder("touch a stamp", "role : another task");
        assertThat(header.options()).containsExactly("--tags", "config", "--skip-tags", "slow");
        assertThat(header.hosts()).isEqualTo(2);
        assertThat(header.probes()).containsExactly("systemctl is-enabled cron", "getent passwd deploy");
    }

    @Test
    void aPlaybookWithoutHeaderComparesNothing() {
        PlaybookHeader header = PlaybookHeader.parse("- hosts: all\n  tasks: []\n");

        assertThat(header.comparePaths()).isEmpty();
        assertThat(header.alwaysChanged()).isEmpty();
        assertThat(header.options()).isEmpty();
        assertThat(header.hosts()).isEqualTo(1);
        assertThat(header.probes()).isEmpty();
    }
}
