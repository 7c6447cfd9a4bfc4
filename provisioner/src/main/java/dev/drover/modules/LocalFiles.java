package dev.drover.modules;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds files on the controller the way Ansible does for {@code copy src=} and
 * {@code template src=}: the role's files/ or templates/ folder first, then beside the
 * playbook. An absolute path is taken as it is.
 */
public interface LocalFiles {

    /** @param kind "files" or "templates" */
    Optional<Path> find(String kind, String relativeOrAbsolute);

    /**
     * Where a controller path a task names for writing (fetch's dest) is: Ansible's path_dwim,
     * an absolute path as it is, a relative one beside the playbook.
     */
    default Path controllerPath(String relativeOrAbsolute) {
        return Path.of(relativeOrAbsolute).toAbsolutePath();
    }
}
