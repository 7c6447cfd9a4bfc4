package dev.drover.modules.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.modules.ModuleArgs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The user module's useradd/usermod decisions, systemctl output, and apt-key ids. */
class AccountsAndUnitsTest {

    private static final String ACCOUNTS = "P alice:x:4300:4242:Alice:/home/alice:/bin/bash\n"
            + "S $6$salt$hash\n"
            + "G root:x:0:\nG drovers:x:4242:\nG drover-sys:x:999:alice\nG drover-extra:x:4243:\nG alice:x:4301:\n"
            + "H\n";

    private static ModuleArgs userArgs(Map<String, Object> raw) {
        Map<String, Object> all = new LinkedHashMap<>(raw);
        return ModuleArgs.validate("user", new User().spec(), all);
    }

    @Test
    void accountsAreParsed() {
        Accounts accounts = Accounts.parse(ACCOUNTS);
        assertThat(accounts.user().orElseThrow().uid()).isEqualTo(4300);
        assertThat(accounts.password()).isEqualTo("$6$salt$hash");
        assertThat(accounts.membership("alice")).containsExactly("drover-sys");
        assertThat(accounts.group("4242").orElseThrow().name()).isEqualTo("drovers");
        assertThat(accounts.homeExists()).isTrue();
    }

    @Test
    void useraddGetsAnsiblesFlags() throws Exception {
        Accounts none = Accounts.parse("G drovers:x:4242:\nG drover-sys:x:999:\nG bob:x:5000:\n");
        assertThat(UserChange.useradd(userArgs(Map.of("name", "carol", "uid", 10, "group", "drovers",
                "groups", List.of("drover-sys"), "shell", "/bin/sh", "create_home", false)), none))
                .containsExactly("useradd", "-u", "10", "-g", "drovers", "-G", "drover-sys", "-s", "/bin/sh", "-M", "carol");
        assertThat(UserChange.useradd(userArgs(Map.of("name", "bob", "system", true)), none))
                .containsExactly("useradd", "-N", "-m", "-r", "bob");
        assertThatThrownBy(() -> UserChange.useradd(userArgs(Map.of("name", "x", "group", "nope")), none))
                .hasMessage("Group nope does not exist");
    }

    @Test
    void usermodChangesOnlyWhatDiffers() throws Exception {
        Accounts accounts = Accounts.parse(ACCOUNTS);
        assertThat(UserChange.usermod(userArgs(Map.of("name", "alice", "uid", 4300, "group", "drovers",
                "groups", List.of("drover-sys"), "shell", "/bin/bash", "password", "$6$salt$hash")), accounts)).isNull();
        assertThat(UserChange.usermod(userArgs(Map.of("name", "alice", "groups", List.of("drover-extra"), "append", true)),
                accounts)).containsExactly("usermod", "-a", "-G", "drover-extra", "alice");
        assertThat(UserChange.usermod(userArgs(Map.of("name", "alice", "groups", List.of("drover-extra"))), accounts))
                .containsExactly("usermod", "-G", "drover-extra", "alice");
        assertThat(UserChange.usermod(userArgs(Map.of("name", "alice", "groups", "", "comment", "A")), accounts))
                .containsExactly("usermod", "-G", "", "-c", "A", "alice");
        assertThat(UserChange.usermod(userArgs(Map.of("name", "alice", "group", "drover-extra", "home", "/srv/a",
                "move_home", true)), accounts)).containsExactly("usermod", "-g", "4243", "-d", "/srv/a", "-m", "alice");
    }

    @Test
    void plainPasswordsAreSpotted() {
        assertThat(UserChange.looksUnhashed("secret")).isTrue();
        assertThat(UserChange.looksUnhashed("!")).isFalse();
        assertThat(UserChange.looksUnhashed("$6$salt$" + "a".repeat(86))).isFalse();
        assertThat(UserChange.looksUnhashed("$6$salt$short")).isTrue();
    }

    @Test
    void systemctlOutputIsParsed() {
        String out = "Id=cron.service\nLoadState=loaded\nActiveState=active\nSubState=running\n"
                + "ExecStart={ path=/usr/sbin/cron ; argv[]=/usr/sbin/cron -f\n  more }\nUnitFileState=enabled\n"
                + "@@drover@@show 0\n@@drover@@enabled 0 enabled\n@@drover@@initd\n";
        UnitStatus status = UnitStatus.parse(out);
        assertThat(status.status()).containsEntry("ActiveState", "active").containsEntry("UnitFileState", "enabled")
                .containsEntry("ExecStart", "{ path=/usr/sbin/cron ; argv[]=/usr/sbin/cron -f\n  more }");
        assertThat(status.running()).isTrue();
        assertThat(status.enabled()).isTrue();
        assertThat(status.found()).isTrue();

        UnitStatus missing = UnitStatus.parse("Id=nope.service\nLoadState=not-found\nActiveState=inactive\n"
                + "@@drover@@show 0\n@@drover@@enabled 1 \n");
        assertThat(missing.found()).isFalse();
        assertThat(missing.enabled()).isFalse();
        UnitStatus indirect = UnitStatus.parse("LoadState=loaded\n@@drover@@show 0\n@@drover@@enabled 0 indirect\n");
        assertThat(indirect.enabled()).isFalse();
    }

    @Test
    void keyIdsAreCheckedAndReadLikeAnsible() {
        assertThat(AptKeyIds.parse("0x6ed0e7b82643e131")).isEqualTo(
                new AptKeyIds.KeyId("2643E131", "6ED0E7B82643E131", "6ED0E7B82643E131"));
        assertThat(AptKeyIds.parse("ABCDEF12")).isEqualTo(new AptKeyIds.KeyId("ABCDEF12", "ABCDEF12", "ABCDEF12"));
        assertThat(AptKeyIds.parse("xyz")).isNull();
        assertThat(AptKeyIds.parse("ABCDEF123")).isNull();
        String list = "/etc/apt/keyrings/k.gpg\n----\npub   rsa4096/6ED0E7B82643E131 2023-01-13 [SC] [expires: 2031-01-11]\n"
                + "uid  Debian\nsub   rsa4096/1111222233334444 2023-01-13 [E] [expired: 2024-01-01]\n";
        assertThat(AptKeyIds.keys(list, false)).containsExactly("6ED0E7B82643E131");
        assertThat(AptKeyIds.keys(list, true)).containsExactly("2643E131");
        assertThat(AptKeyIds.keys("pub:-:255:22:A1B2C3D4E5F60708:1700000000:::-:\nfpr:::::::::X:\n", false))
                .containsExactly("A1B2C3D4E5F60708");
    }
}
