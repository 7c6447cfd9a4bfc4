package dev.drover.modules.files;

/**
 * One {@code stat(2)} of a path on the host, as GNU stat prints it with
 * {@link #STAT_FORMAT}: type and permission bits, ownership (ids and names), size, link
 * count, inode, device and times with nanoseconds.
 */
public record Inode(Kind kind, int mode, long uid, long gid, String owner, String group, long size, long nlink,
                    long inode, long dev, double atime, double mtime, double ctime, long blocks, long blockSize,
                    long rdev) {

    /** The stat -c format {@link #parse} reads; user and group names come last. */
    static final String STAT_FORMAT = "%f %u %g %s %h %i %d %.9X %.9Y %.9Z %b %o %t %T %U %G";

    /** The file types stat reports, from the S_IFMT bits. */
    public enum Kind {
        FILE, DIRECTORY, LINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO, SOCKET;

        static Kind of(int rawMode) {
            return switch (rawMode & 0xF000) {
                case 0x4000 -> DIRECTORY;
                case 0xA000 -> LINK;
                case 0x2000 -> CHAR_DEVICE;
                case 0x6000 -> BLOCK_DEVICE;
                case 0x1000 -> FIFO;
                case 0xC000 -> SOCKET;
                default -> FILE;
            };
        }
    }

    /** Reads one line printed with {@link #STAT_FORMAT}; fields past the 16th (a %n) are ignored. */
    static Inode parse(String line) {
        String[] f = line.trim().split(" ", 17);
        if (f.length < 16) {
            throw new IllegalArgumentException("unexpected stat output: " + line);
        }
        int raw = Integer.parseInt(f[0], 16);
        long major = Long.parseLong(f[12], 16);
        long minor = Long.parseLong(f[13], 16);
        return new Inode(Kind.of(raw), raw & 07777, Long.parseLong(f[1]), Long.parseLong(f[2]), name(f[14]),
                name(f[15]), Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]),
                Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]), Long.parseLong(f[10]),
                Long.parseLong(f[11]), makedev(major, minor));
    }

    /** GNU stat prints UNKNOWN for an id without a name; Ansible then omits the name or uses the number. */
    private static String name(String field) {
        return "UNKNOWN".equals(field) ? null : field;
    }

    /** glibc's makedev, so device_type matches Python's st_rdev. */
    private static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    /** The same inode after a chmod. */
    Inode withMode(int newMode) {
        return new Inode(kind, newMode, uid, gid, owner, group, size, nlink, inode, dev, atime, mtime, ctime, blocks,
                blockSize, rdev);
    }

    public boolean isDirectory() {
        return kind == Kind.DIRECTORY;
    }

    public boolean isRegular() {
        return kind == Kind.FILE;
    }

    public boolean isLink() {
        return kind == Kind.LINK;
    }

    /** Owner name, or the uid as text when the host has no name for it (as Ansible's results do). */
    public String ownerName() {
        return owner != null ? owner : Long.toString(uid);
    }

    public String groupName() {
        return group != null ? group : Long.toString(gid);
    }
}
