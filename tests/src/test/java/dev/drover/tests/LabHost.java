package dev.drover.tests;

import java.nio.file.Path;

/** One lab host as the inventory describes it: enough to reach it over SSH as ansible would. */
record LabHost(String name, String address, String user, Path privateKey, Path knownHosts, String macAddress) {
}
