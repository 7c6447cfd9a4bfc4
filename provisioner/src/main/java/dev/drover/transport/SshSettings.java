package dev.drover.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to reach one host over SSH, as worked out from its inventory variables
 * (ansible_host, ansible_port, ansible_user, ansible_ssh_private_key_file, ansible_password,
 * ansible_ssh_common_args) and the command line.
 */
public record SshSettings(String hostName, String address, int port, String user, Path privateKey, String password,
                          boolean verifyHostKey, List<Path> knownHosts, Duration connectTimeout) {
    public SshSettings {
        knownHosts = List.copyOf(knownHosts);
    }
}
