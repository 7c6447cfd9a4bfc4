package dev.drover.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MountsTest {

    @Test
    void realDevicesWithSizesUuidsAndBindMarks() {
        RawFacts raw = new Sections()
                .section("mtab", """
                        /dev/vda / ext4 rw,relatime 0 0
                        proc /proc proc rw 0 0
                        /dev/vda /srv/with\\040space ext4 rw,relatime 0 0
                        /dev/vda /srv/data ext4 rw 0 0
                        server:/export /mnt/nfs nfs4 rw 0 0
                        /dev/loop0 /snap none ro 0 0
                        """)
                .section("findmnt", "/srv/data /dev/vda[/data] ext4 rw\n/ /dev/vda ext4 rw")
                .section("lsblk", "/dev/vda 1234-abcd\n/dev/loop0")
                .section("udev", "/dev/vda 1234-abcd\nserver:/export ")
                .section("statvfs", "4096 4096 1000 250 500 400 /\n4096 4096 1000 250 500 400 /srv/with\\040space")
                .raw();

        List<Map<String, Object>> mounts = Mounts.describe(raw);

        assertThat(mounts).extracting(m -> m.get("mount")).containsExactly("/", "/srv/with space", "/srv/data", "/mnt/nfs");
        assertThat(mounts.get(0)).containsEntry("device", "/dev/vda").containsEntry("fstype", "ext4")
                .containsEntry("options", "rw,relatime").containsEntry("size_total", 4096000L)
                .containsEntry("size_available", 1024000L).containsEntry("block_size", 4096L)
                .containsEntry("block_total", 1000L).containsEntry("block_available", 250L).containsEntry("block_used", 750L)
                .containsEntry("inode_total", 500L).containsEntry("inode_available", 400L).containsEntry("inode_used", 100L)
                .containsEntry("uuid", "1234-abcd");
        assertThat(mounts.get(1)).containsEntry("options", "rw,relatime").containsKey("size_total");
        assertThat(mounts.get(2)).containsEntry("options", "rw,bind");
        assertThat(mounts.get(3)).containsEntry("uuid", "N/A").doesNotContainKey("size_total");
    }

    @Test
    void octalEscapesAreDecoded() {
        assertThat(Mounts.unescape("/a\\040b\\011c")).isEqualTo("/a b\tc");
    }
}
