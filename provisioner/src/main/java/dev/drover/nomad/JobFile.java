package dev.drover.nomad;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.UserError;
import java.util.Map;

/**
 * A job file's text turned into the job JSON Nomad takes: JSON files as they are (wrapped in
 * "Job" or bare), HCL files parsed by the server itself, so every HCL feature of the server's
 * version works and drover carries no HCL parser that could lag behind.
 */
public final class JobFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JobFile() {
    }

    /**
     * @param name the file's name without a .j2 suffix; .json means JSON, anything else HCL
     * @param variables --var values, for HCL files
     * @param variableFiles the text of --var-file files, for HCL files
     */
    public static JsonNode load(NomadClient client, String name, String text, Map<String, String> variables,
                                String variableFiles) {
        boolean json = name.endsWith(".json") || text.stripLeading().startsWith("{");
        if (json) {
            if (!variables.isEmpty() || !variableFiles.isEmpty()) {
                throw new UserError(name + ": --var and --var-file apply to HCL job files; a JSON job has no variables",
                        null, "template the JSON file instead (" + name + ".j2) with -i INVENTORY --for HOST or -e");
            }
            try {
                return NomadClient.jobOfJsonFile(JSON.readTree(text));
            } catch (JsonProcessingException e) {
                throw new UserError(name + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                        + ": not valid JSON: " + e.getOriginalMessage());
            }
        }
        try {
            String allVariables = variableFiles + (variables.isEmpty() ? "" : JobVariables.asHcl(variables));
            return client.parseHcl(text, allVariables);
        } catch (NomadError e) {
            if (e.status() >= 400 && e.status() < 500) {
                throw new UserError(name + ": Nomad cannot parse this job: " + e.getMessage().replaceFirst("^.*?: Nomad refused it \\(\\d+\\): ", ""));
            }
            throw e;
        }
    }
}
