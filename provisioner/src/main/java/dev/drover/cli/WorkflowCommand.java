package dev.drover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.UserError;
import dev.drover.yaml.AnsibleYaml;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drover workflow run|validate|reload|status}: a node agent's workflows through its API
 * (docs/workflows.md). The agent is {@code --agent} or DROVER_AGENT (default
 * http://127.0.0.1:8700); the token {@code --token} or DROVER_AGENT_TOKEN.
 */
@Command(name = "workflow", mixinStandardHelpOptions = true,
        description = "Run, validate, reload and follow a node agent's workflows (through its API).",
        subcommands = {WorkflowCommand.Run.class, WorkflowCommand.Validate.class, WorkflowCommand.Reload.class, WorkflowCommand.Status.class})
final class WorkflowCommand implements Runnable {

    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    WorkflowCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The agent's address and token, shared by the subcommands. */
    static class AgentOptions {
        @Option(names = "--agent", paramLabel = "URL", description = "The agent (default: DROVER_AGENT, else http://127.0.0.1:8700).")
        String agent;

        @Option(names = "--token", paramLabel = "TOKEN", description = "An operator token (default: DROVER_AGENT_TOKEN).")
        String token;
    }

    /** One call to the agent: its status and parsed JSON body; a UserError when it cannot be reached. */
    record Answer(int status, JsonNode body) {
        String error() {
            return body.path("error").asText(body.toString());
        }
    }

    static Answer request(WorkflowCommand parent, AgentOptions options, String method, String path, String body) {
        String base = options.agent != null ? options.agent
                : parent.environment.getOrDefault("DROVER_AGENT", "http://127.0.0.1:8700");
        String token = options.token != null ? options.token : parent.environment.get("DROVER_AGENT_TOKEN");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode tree = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), tree);
        } catch (IOException e) {
            throw new UserError("cannot reach the agent at " + base + ": " + e, dev.drover.SourceLocation.UNKNOWN,
                    "give --agent URL (or DROVER_AGENT) of a running drover-agent");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
    }

    /** One line per step: status, id, and the error of a failed one. */
    static void printRun(JsonNode run) {
        System.out.println("run " + run.path("id").asText() + " of " + run.path("workflow").asText() + ": " + run.path("status").asText()
                + (run.hasNonNull("error") ? " (" + run.path("error").asText() + ")" : ""));
        for (JsonNode step : run.path("steps")) {
            String detail = step.hasNonNull("error") ? "  " + step.path("error").asText()
                    : step.path("detail").hasNonNull("prompt") ? "  waiting: " + step.path("detail").path("prompt").asText() : "";
            System.out.printf("  %-10s %s%s%n", step.path("status").asText(), step.path("id").asText(), detail);
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Start a run; with --wait, follow it to its end.",
            footer = {"", "Exit codes: 0 started (with --wait: succeeded), 1 the run failed or was cancelled, 2 refused."})
    static final class Run implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        WorkflowCommand parent;

        @picocli.CommandLine.Mixin
        AgentOptions options = new AgentOptions();

        @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow's name.")
        String workflow;

        @Option(names = {"-e", "--input"}, paramLabel = "NAME=VALUE", description = "An input; the value is read as YAML ([a, b], 3, true).")
        List<String> inputs = new ArrayList<>();

        @Option(names = "--wait", description = "Wait for the run to end and show its steps.")
        boolean await;

        @Override
        public Integer call() throws InterruptedException {
            ObjectNode body = JSON.createObjectNode();
            ObjectNode values = body.putObject("inputs");
            for (String input : inputs) {
                int eq = input.indexOf('=');
                if (eq <= 0) {
                    throw new UserError("an input is NAME=VALUE, not '" + input + "'");
                }
                values.set(input.substring(0, eq), JSON.valueToTree(AnsibleYaml.loadString(input.substring(eq + 1), null)));
            }
            Answer started = request(parent, options, "POST", "/api/v1/workflows/" + URLEncoder.encode(workflow, StandardCharsets.UTF_8)
                    + "/runs", body.toString());
            if (started.status() != 201) {
                System.err.println("drover workflow: " + started.error());
                return BAD_INPUT;
            }
            String id = started.body().path("id").asText();
            if (!await) {
                System.out.println(id);
                return 0;
            }
            JsonNode run = started.body();
            while (run.path("status").asText().equals("running")) {
                Thread.sleep(500);
                run = request(parent, options, "GET", "/api/v1/workflows/runs/" + id, null).body();
            }
            printRun(run);
            return run.path("status").asText().equals("succeeded") ? 0 : FAILED;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true, description = "Check workflow files as the agent would load them.",
            footer = {"", "Exit codes: 0 every file is valid, 1 a file is not, 2 refused."})
    static final class Validate implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        WorkflowCommand parent;

        @picocli.CommandLine.Mixin
        AgentOptions options = new AgentOptions();

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Workflow files.")
        List<Path> files = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            int code = 0;
            for (Path file : files) {
                Answer answer = request(parent, options, "POST", "/api/v1/workflows/validate?name="
                        + URLEncoder.encode(file.toString(), StandardCharsets.UTF_8), Files.readString(file));
                if (answer.status() == 200) {
                    System.out.println(file + ": valid, workflow " + answer.body().path("name").asText() + " with "
                            + answer.body().path("steps").asInt() + " steps");
                } else if (answer.status() == 422) {
                    System.out.println(answer.body().path("error").asText());
                    code = Math.max(code, FAILED);
                } else {
                    System.err.println("drover workflow: " + answer.error());
                    code = BAD_INPUT;
                }
            }
            return code;
        }
    }

    @Command(name = "reload", mixinStandardHelpOptions = true,
            description = "Make the agent read its workflow files again (after editing them), without a restart.",
            footer = {"", "Exit codes: 0 reloaded, 1 a file does not load (nothing changed), 2 refused."})
    static final class Reload implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        WorkflowCommand parent;

        @picocli.CommandLine.Mixin
        AgentOptions options = new AgentOptions();

        @Override
        public Integer call() {
            Answer answer = request(parent, options, "POST", "/api/v1/workflows/reload", null);
            if (answer.status() == 200) {
                JsonNode change = answer.body();
                System.out.println("reloaded: " + change.path("workflows").size() + " workflows; added " + names(change.path("added"))
                        + ", removed " + names(change.path("removed")) + ", changed " + names(change.path("changed")));
                return 0;
            }
            if (answer.status() == 422) {
                System.out.println(answer.body().path("error").asText());
                System.out.println("not reloaded: the agent keeps the workflows it had");
                return FAILED;
            }
            System.err.println("drover workflow: " + answer.error());
            return BAD_INPUT;
        }

        private static String names(JsonNode list) {
            List<String> names = new ArrayList<>();
            list.forEach(n -> names.add(n.asText()));
            return names.isEmpty() ? "none" : String.join(", ", names);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show a run's steps, or the latest runs.")
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        WorkflowCommand parent;

        @picocli.CommandLine.Mixin
        AgentOptions options = new AgentOptions();

        @Parameters(paramLabel = "RUN", arity = "0..1", description = "A run's id (default: list the latest runs).")
        String run;

        @Option(names = "--limit", defaultValue = "20", description = "Runs listed (default 20).")
        int limit;

        @Override
        public Integer call() {
            Answer answer = request(parent, options, "GET", run == null ? "/api/v1/workflows/runs?limit=" + limit
                    : "/api/v1/workflows/runs/" + URLEncoder.encode(run, StandardCharsets.UTF_8), null);
            if (answer.status() != 200) {
                System.err.println("drover workflow: " + answer.error());
                return BAD_INPUT;
            }
            if (run != null) {
                printRun(answer.body());
                return 0;
            }
            for (JsonNode r : answer.body()) {
                System.out.printf("%-36s %-20s %-10s %s%n", r.path("id").asText(), r.path("workflow").asText(),
                        r.path("status").asText(), r.path("created_at").asText());
            }
            return 0;
        }
    }
}
