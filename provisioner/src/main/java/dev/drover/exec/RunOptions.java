package dev.drover.exec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the command line asked for, as one value the executor reads.
 *
 * @param forks           hosts run at once; 0 means all of them
 * @param verifyHostKeys  check host keys against known_hosts (Ansible's host_key_checking)
 * @param connectionDefaults variables from -u, --private-key, -c, -b, --become-user, -T: below
 *                        everything else, so an inventory's own ansible_user still wins, as in Ansible
 * @param forceHandlers   --force-handlers: notified handlers run on hosts that failed, unless a play says
 *                        otherwise
 */
public record RunOptions(boolean check, boolean diff, String limit, Set<String> tags, Set<String> skipTags,
                         Map<String, Object> extraVars, int forks, int verbosity, boolean verifyHostKeys,
                         List<Path> knownHosts, Map<String, String> environment, Map<String, Object> connectionDefaults,
                         boolean forceHandlers) {
    public RunOptions {
        tags = Set.copyOf(tags);
        skipTags = Set.copyOf(skipTags);
        extraVars = dev.drover.yaml.Frozen.copy(extraVars);
        knownHosts = List.copyOf(knownHosts);
        environment = Map.copyOf(environment);
        connectionDefaults = dev.drover.yaml.Frozen.copy(connectionDefaults);
    }

    /** Without --force-handlers. */
    public RunOptions(boolean check, boolean diff, String limit, Set<String> tags, Set<String> skipTags,
                      Map<String, Object> extraVars, int forks, int verbosity, boolean verifyHostKeys,
                      List<Path> knownHosts, Map<String, String> environment, Map<String, Object> connectionDefaults) {
        this(check, diff, limit, tags, skipTags, extraVars, forks, verbosity, verifyHostKeys, knownHosts, environment,
                connectionDefaults, false);
    }
}
