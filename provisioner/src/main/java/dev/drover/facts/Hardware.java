package dev.drover.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ansible's Linux hardware facts: processors from /proc/cpuinfo, memory, uptime (mounts: {@link Mounts}). */
final class Hardware {

    private Hardware() {
    }

    static void describe(RawFacts raw, Map<String, Object> facts) {
        cpu(raw, String.valueOf(facts.getOrDefault("architecture", "")), facts);
        memory(raw.file("/proc/meminfo").orElse(null), facts);
        HostIdentity.dmi(raw, facts);
        raw.file("/proc/uptime").filter(s -> !s.isEmpty())
                .ifPresent(s -> facts.put("uptime_seconds", (long) Double.parseDouble(s.split(" ")[0])));
        HostIdentity.lvm(raw, facts);
        facts.put("mounts", Mounts.describe(raw));
    }

    /** Ansible's reading of /proc/cpuinfo, its quirks included (it counts sockets and cores as it goes). */
    static void cpu(RawFacts raw, String architecture, Map<String, Object> facts) {
        String cpuinfo = raw.rawFile("/proc/cpuinfo");
        if (cpuinfo == null) {
            return;
        }
        boolean xen = raw.exists("/proc/xen") || raw.file("/sys/hypervisor/type").map(t -> t.lines().findFirst().orElse("").strip().equals("xen")).orElse(false);
        boolean xenParavirt = false;
        List<String> processor = new ArrayList<>();
        int i = 0;
        int vendorIds = 0;
        int modelNames = 0;
        int processors = 0;
        String physid = "0";
        String coreid = "0";
        Map<String, Integer> sockets = new LinkedHashMap<>();
        Map<String, Integer> cores = new LinkedHashMap<>();
        Integer declaredCores = null;
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            String key = (colon < 0 ? line : line.substring(0, colon)).strip();
            String val = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (xen && key.equals("flags") && !val.contains("vme")) {
                xenParavirt = true;
            }
            switch (key) {
                case "model name", "Processor", "vendor_id", "cpu", "Vendor", "processor" -> {
                    processor.add(val);
                    if (key.equals("vendor_id")) {
                        vendorIds++;
                    } else if (key.equals("model name")) {
                        modelNames++;
                    } else if (key.equals("processor")) {
                        processors++;
                    }
                    i++;
                }
                case "physical id" -> {
                    physid = val;
                    sockets.putIfAbsent(physid, 1);
                }
                case "core id" -> {
                    coreid = val;
                    if (!sockets.containsKey(coreid)) {
                        cores.put(coreid, 1);
                    }
                }
                case "cpu cores" -> sockets.put(physid, Integer.parseInt(val));
                case "siblings" -> cores.put(coreid, Integer.parseInt(val));
                case "# processors" -> declaredCores = Integer.parseInt(val);
                case "ncpus active" -> i = Integer.parseInt(val);
                default -> {
                }
            }
        }
        facts.put("processor", processor);
        if (declaredCores != null) {
            facts.put("processor_cores", declaredCores);
        }
        if (vendorIds > 0 && vendorIds == modelNames) {
            i = vendorIds;
        }
        if (architecture.startsWith("armv") || architecture.startsWith("aarch") || architecture.startsWith("ppc")) {
            i = processors;
        }
        if (architecture.equals("s390x")) {
            return;
        }
        if (xenParavirt) {
            facts.put("processor_count", i);
            facts.put("processor_cores", i);
            facts.put("processor_threads_per_core", 1);
            facts.put("processor_vcpus", i);
            return;
        }
        int count = sockets.isEmpty() ? i : sockets.size();
        int coresPerSocket = !sockets.isEmpty() && sockets.values().iterator().next() != 0 ? sockets.values().iterator().next() : 1;
        int threads = cores.isEmpty() ? 1 / coresPerSocket : cores.values().iterator().next() / coresPerSocket;
        facts.put("processor_count", count);
        facts.put("processor_cores", coresPerSocket);
        facts.put("processor_threads_per_core", threads);
        facts.put("processor_vcpus", threads * count * coresPerSocket);
        String nproc = raw.section("nproc").strip();
        facts.put("processor_nproc", nproc.matches("\\d+") ? Integer.parseInt(nproc) : processors);
    }

    static void memory(String meminfo, Map<String, Object> facts) {
        if (meminfo == null) {
            return;
        }
        Map<String, Long> stats = new LinkedHashMap<>();
        for (String line : meminfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            long mb = Long.parseLong(line.substring(colon + 1).strip().split(" ")[0]) / 1024;
            switch (key) {
                case "MemTotal", "SwapTotal", "MemFree", "SwapFree" -> {
                    facts.put(key.toLowerCase() + "_mb", mb);
                    stats.put(key.toLowerCase(), mb);
                }
                case "Buffers", "Cached", "SwapCached" -> stats.put(key.toLowerCase(), mb);
                default -> {
                }
            }
        }
        Long total = stats.get("memtotal");
        Long free = stats.get("memfree");
        Long nocacheFree = free != null && stats.get("cached") != null && stats.get("buffers") != null
                ? stats.get("cached") + free + stats.get("buffers") : null;
        Map<String, Object> real = new LinkedHashMap<>();
        real.put("total", total);
        real.put("used", total != null && free != null ? total - free : null);
        real.put("free", free);
        Map<String, Object> nocache = new LinkedHashMap<>();
        nocache.put("free", nocacheFree);
        nocache.put("used", total != null && nocacheFree != null ? total - nocacheFree : null);
        Long swapTotal = stats.get("swaptotal");
        Long swapFree = stats.get("swapfree");
        Map<String, Object> swap = new LinkedHashMap<>();
        swap.put("total", swapTotal);
        swap.put("free", swapFree);
        swap.put("used", swapTotal != null && swapFree != null ? swapTotal - swapFree : null);
        swap.put("cached", stats.get("swapcached"));
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("real", real);
        memory.put("nocache", nocache);
        memory.put("swap", swap);
        facts.put("memory_mb", memory);
    }
}
