package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostSnapshotTest {

    private static final String HASH_A = "a".repeat(64);
    private static final String HASH_B = "b".repeat(64);

    private static String output(String mode, String hash) {
        return "d\t755\troot\troot\t2\t\t/srv/t\n"
                + "f\t" + mode + "\tdaemon\tadm\t1\t\t/srv/t/file\n"
                + "l\t777\troot\troot\t1\tfile\t/srv/t/link\n"
                + "f\t644\troot\troot\t1\t\t/srv/t/conf.1234.2024-05-01@10:11:12~\n"
                + "absent\t\t\t\t\t\t/etc/gone\n"
                + "--- sha256\n"
                + hash + "  /srv/t/file\n"
                + HASH_A + "  /srv/t/conf.1234.2024-05-01@10:11:12~\n";
    }

    @Test
    void readsTypeModeOwnershipTargetAndHash() {
        HostSnapshot snapshot = HostSnapshot.parse(output("640", HASH_A));

        assertThat(snapshot.entries().get("/srv/t/file"))
                .isEqualTo(new HostSnapshot.Entry("f", "640", "daemon", "adm", "1", "", HASH_A));
        assertThat(snapshot.entries().get("/srv/t/link").target()).isEqualTo("file");
        assertThat(snapshot.entries().get("/etc/gone")).isEqualTo(HostSnapshot.Entry.ABSENT);
    }

    @Test
    void backupsAreComparedUnderAStableName() {
        HostSnapshot snapshot = HostSnapshot.parse(output("640", HASH_A));

        assertThat(snapshot.entries()).containsKey("/srv/t/conf.<backup>~");
        assertThat(snapshot.entries().get("/srv/t/conf.<backup>~").sha256()).isEqualTo(HASH_A);
    }

    @Test
    void equalSnapshotsHaveNoDifferences() {
        assertThat(HostSnapshot.parse(output("640", HASH_A)).differencesTo(HostSnapshot.parse(output("640", HASH_A)), "a", "b"))
                .isEmpty();
    }

    @Test
    void differencesNameThePathAndBothSides() {
        HostSnapshot ansible = HostSnapshot.parse(output("640", HASH_A));
        HostSnapshot drover = HostSnapshot.parse(output("600", HASH_B));

        assertThat(ansible.differencesTo(drover, "ansible@lab1", "drover@lab2")).singleElement().asString()
                .startsWith("/srv/t/file: ansible@lab1 has file 640 daemon:adm links=1 sha256=aaaaaaaaaaaa")
                .contains("drover@lab2 has file 600 daemon:adm links=1 sha256=bbbbbbbbbbbb");
    }
}
