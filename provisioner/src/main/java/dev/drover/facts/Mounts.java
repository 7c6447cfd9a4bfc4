package dev.drover.facts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's mounts: the mtab entries of real devices (a path, or host:/path), with
 * statvfs sizes, the filesystem UUID (lsblk, else udevadm, else "N/A"), and ",bind" added
 * to the options of bind mounts findmnt reports.
 */
final class Mounts {

    private static final Pattern OCTAL = Pattern.compile("\\\\[0-9]{3}");

    private Mounts() {
    }

    static List<Map<String, Object>> describe(RawFacts raw) {
        Set<String> binds = new HashSet<>();
        for (String line : raw.lines("findmnt")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 2 && fields[1].matches(".*\\]")) {
                binds.add(fields[0]);
            }
        }
        Map<String, String> uuids = new HashMap<>();
        for (String line : raw.lines("lsblk")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 2) {
                uuids.putIfAbsent(String.join(" ", java.util.Arrays.copyOf(fields, fields.length - 1)), fields[fields.length - 1]);
            }
        }
        Map<String, String> udev = new HashMap<>();
        for (String line : raw.lines("udev")) {
            String[] fields = line.split(" ", 2);
            if (fields.length == 2 && !fields[1].isBlank()) {
                udev.put(fields[0], fields[1].strip());
            }
        }
        Map<String, long[]> sizes = new HashMap<>();
        for (String line : raw.lines("statvfs")) {
            String[] fields = line.split(" ", 7);
            if (fields.length == 7) {
                long[] numbers = new long[6];
                for (int i = 0; i < 6; i++) {
                    numbers[i] = Long.parseLong(fields[i]);
                }
                sizes.put(fields[6], numbers);
            }
        }
        List<Map<String, Object>> mounts = new ArrayList<>();
        for (String line : raw.lines("mtab")) {
            String[] rawFields = line.strip().split("\\s+");
            if (rawFields.length < 4) {
                continue;
            }
            String device = unescape(rawFields[0]);
            String mount = unescape(rawFields[1]);
            String fstype = unescape(rawFields[2]);
            String options = unescape(rawFields[3]);
            if (!device.startsWith("/") && !device.startsWith("\\") && !device.contains(":/") || fstype.equals("none")) {
                continue;
            }
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("mount", mount);
            info.put("device", device);
            info.put("fstype", fstype);
            info.put("options", binds.contains(mount) && !options.matches(".*bind.*\"") ? options + ",bind" : options);
            long[] size = sizes.get(rawFields[1]);
            if (size != null) {
                // statvfs: f_frsize, f_bsize, f_blocks, f_bavail, f_files, f_favail
                info.put("size_total", size[0] * size[2]);
                info.put("size_available", size[0] * size[3]);
                info.put("block_size", size[1]);
                info.put("block_total", size[2]);
                info.put("block_available", size[3]);
                info.put("block_used", size[2] - size[3]);
                info.put("inode_total", size[4]);
                info.put("inode_available", size[5]);
                info.put("inode_used", size[4] - size[5]);
            }
            info.put("uuid", uuids.getOrDefault(device, udev.getOrDefault(device, "N/A")));
            // Ansible keys its results by mount point: a path mounted twice is reported once, last entry wins
            mounts.removeIf(m -> m.get("mount").equals(mount));
            mounts.add(info);
        }
        return mounts;
    }

    static String unescape(String field) {
        Matcher m = OCTAL.matcher(field);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group().substring(1), 8))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
