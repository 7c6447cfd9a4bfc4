package dev.drover.jobs;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import dev.drover.exec.InventoryVars;
import dev.drover.inventory.InventoryLoader;
import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The repository's jobs/ templates rendered as `drover nomad run FILE -i INVENTORY --for HOST
 * --playbook-dir .` renders them: the test inventory's hosts, the repository's own group_vars/
 * (group_vars/all/main.yml and group_vars/all/models.yml), then parsed as HCL.
 */
final class ClusterJobs {

    /** Surefire runs in provisioner/, the repository is its parent. */
    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final Path INVENTORY = Path.of("src/test/resources/jobs/inventory.yml");
    /** The example users copy. */
    static final Path EXAMPLE_INVENTORY = REPOSITORY.resolve("inventory/hosts.example.yml");

    private ClusterJobs() {
    }

    static List<Path> templates() {
        try (var files = Files.list(REPOSITORY.resolve("jobs"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".nomad.j2")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(String job, String host, Map<String, Object> extraVars) {
        return render(job, INVENTORY, host, extraVars);
    }

    static String render(String job, Path inventory, String host, Map<String, Object> extraVars) {
        try {
            String text = Files.readString(REPOSITORY.resolve("jobs").resolve(job), StandardCharsets.UTF_8);
            return renderText(text, inventory, host, extraVars);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any template text with the host's variables, as a play's task on that host sees them. */
    static String renderText(String text, Path inventory, String host, Map<String, Object> extraVars) {
        InventoryLoader.Loaded loaded = InventoryLoader.load(List.of(inventory.toString()));
        List<Path> varsBases = new ArrayList<>(loaded.varsBases());
        varsBases.add(REPOSITORY);
        Map<String, Object> vars = new InventoryVars(new InventoryLoader.Loaded(loaded.inventory(), varsBases))
                .of(host, extraVars);
        return new Templar().renderText(text, TemplateScope.of(vars));
    }

    static Map<String, Object> parse(String hcl) {
        try {
            return new HCLParser().parse(hcl);
        } catch (Exception e) {
            throw new AssertionError("not valid HCL: " + e.getMessage() + "\n" + hcl, e);
        }
    }
}
