package dev.drover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.UserError;
import dev.drover.exec.InventoryVars;
import dev.drover.inventory.InventoryLoader;
import dev.drover.nomad.JobFile;
import dev.drover.nomad.NomadClient;
import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A job file and what it is rendered with: Nomad's own HCL variables (--var, --var-file), and
 * for Jinja templates (*.j2) the variables a playbook would see for a host of an inventory.
 */
final class NomadJobOptions {

    @Parameters(index = "0", paramLabel = "FILE", description = "The job file: HCL, JSON, or either as a Jinja template (*.j2).")
    Path file;

    @Option(names = "--var", paramLabel = "KEY=VALUE", description = "An HCL job variable (repeatable).")
    List<String> variables = new ArrayList<>();

    @Option(names = "--var-file", paramLabel = "FILE", description = "An HCL variables file (repeatable).")
    List<Path> variableFiles = new ArrayList<>();

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY",
            description = "For *.j2 job files: the inventory whose variables the template sees.")
    List<String> inventories = new ArrayList<>();

    @Option(names = "--for", paramLabel = "HOST", description = "For *.j2 job files: the host whose variables the template sees.")
    String host;

    @Option(names = "--playbook-dir", paramLabel = "DIR",
            description = "For *.j2 job files: also read DIR/group_vars and DIR/host_vars, as a playbook in DIR would see them"
                    + " (e.g. the cluster's group_vars/ beside site.yml; Ansible's --playbook-dir).")
    Path playbookDir;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS", description = "For *.j2 job files: extra variables (key=value, JSON, @file).")
    List<String> extraVars = new ArrayList<>();

    JsonNode load(NomadClient client) {
        String name = file.getFileName().toString();
        String text = read(file);
        if (name.endsWith(".j2")) {
            name = name.substring(0, name.length() - 3);
            text = new Templar().renderText(text, TemplateScope.of(templateVars()));
        } else if (!inventories.isEmpty() || host != null || !extraVars.isEmpty() || playbookDir != null) {
            throw new UserError(file + " is not a template (*.j2): -i, --for, --playbook-dir and -e apply only to templates");
        }
        StringBuilder files = new StringBuilder();
        for (Path variableFile : variableFiles) {
            files.append(read(variableFile)).append('\n');
        }
        return JobFile.load(client, name, text, keyValues(variables, "--var"), files.toString());
    }

    private Map<String, Object> templateVars() {
        Map<String, Object> extra = ExtraVars.parse(extraVars);
        if (inventories.isEmpty()) {
            if (host != null) {
                throw new UserError("--for " + host + " needs an inventory (-i INVENTORY)");
            }
            if (playbookDir != null) {
                throw new UserError("--playbook-dir needs an inventory (-i INVENTORY) and --for HOST");
            }
            return extra;
        }
        if (host == null) {
            throw new UserError("-i needs --for HOST: the host whose variables the job template sees");
        }
        InventoryLoader.Loaded loaded = InventoryLoader.load(inventories);
        if (loaded.inventory().host(host) == null) {
            throw new UserError("--for " + host + ": no such host in the inventory");
        }
        if (playbookDir != null) {
            if (!Files.isDirectory(playbookDir)) {
                throw new UserError("--playbook-dir " + playbookDir + ": no such directory");
            }
            // After the inventory's own folders, as for a playbook: the playbook's group_vars win.
            List<Path> bases = new ArrayList<>(loaded.varsBases());
            bases.add(playbookDir.toAbsolutePath());
            loaded = new InventoryLoader.Loaded(loaded.inventory(), bases);
        }
        return new InventoryVars(loaded).of(host, extra);
    }

    static Map<String, String> keyValues(List<String> pairs, String option) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UserError(option + " " + pair + ": expected KEY=VALUE");
            }
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return values;
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError("cannot read " + path + ": no such file");
        } catch (IOException e) {
            throw new UserError("cannot read " + path + ": " + e.getMessage());
        }
    }
}
