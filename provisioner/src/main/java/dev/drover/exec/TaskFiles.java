package dev.drover.exec;

import dev.drover.modules.LocalFiles;
import dev.drover.playbook.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code src=} files are found for a task, as Ansible searches: the role's files/ or
 * templates/ folder, the role itself, then the playbook's files/ or templates/ folder and the
 * playbook's folder.
 */
record TaskFiles(Task task, Path playbookDir) implements LocalFiles {

    /** The folders the file and template lookups search for this task. */
    List<Path> searchPaths() {
        List<Path> paths = new ArrayList<>();
        if (task.role() != null) {
            paths.add(task.role().path());
        }
        paths.add(playbookDir);
        return paths;
    }

    @Override
    public Path controllerPath(String relativeOrAbsolute) {
        Path given = Path.of(relativeOrAbsolute);
        return given.isAbsolute() ? given : playbookDir.resolve(given).toAbsolutePath();
    }

    @Override
    public Optional<Path> find(String kind, String name) {
        Path given = Path.of(name);
        if (given.isAbsolute()) {
            return Files.exists(given) ? Optional.of(given) : Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        for (Path base : searchPaths()) {
            candidates.add(base.resolve(kind).resolve(name));
            candidates.add(base.resolve(name));
        }
        if (task.location().file() != null) {
            candidates.add(task.location().file().toAbsolutePath().getParent().resolve(name));
        }
        return candidates.stream().filter(Files::exists).findFirst();
    }
}
