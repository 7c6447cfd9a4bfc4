package dev.drover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.nomad.NomadClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code drover nomad status [JOB]}: the jobs, or one job with its latest deployment and allocations. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "List the jobs, or show one job.")
final class NomadStatusCommand implements Callable<Integer> {

    @ParentCommand
    NomadCommand nomad;

    @Parameters(index = "0", arity = "0..1", paramLabel = "JOB")
    String jobId;

    @Override
    public Integer call() {
        NomadClient client = nomad.client();
        if (jobId == null) {
            JsonNode jobs = client.jobs();
            if (jobs.isEmpty()) {
                System.out.println("No running jobs");
                return 0;
            }
            System.out.printf("%-30s %-10s %-8s %s%n", "ID", "Type", "Priority", "Status");
            for (JsonNode job : jobs) {
                System.out.printf("%-30s %-10s %-8d %s%n", job.path("ID").asText(), job.path("Type").asText(),
                        job.path("Priority").asInt(), job.path("Status").asText());
            }
            return 0;
        }
        JsonNode job = client.job(jobId).body();
        System.out.printf("ID            = %s%n", job.path("ID").asText());
        System.out.printf("Name          = %s%n", job.path("Name").asText());
        System.out.printf("Type          = %s%n", job.path("Type").asText());
        System.out.printf("Priority      = %d%n", job.path("Priority").asInt());
        System.out.printf("Datacenters   = %s%n", String.join(",", texts(job.path("Datacenters"))));
        System.out.printf("Namespace     = %s%n", job.path("Namespace").asText());
        System.out.printf("Status        = %s%n", job.path("Status").asText());
        System.out.printf("Version       = %d%n", job.path("Version").asLong());
        System.out.printf("Modify Index  = %d%n", job.path("JobModifyIndex").asLong());
        JsonNode deployments = client.jobDeployments(jobId);
        if (deployments.size() > 0) {
            JsonNode latest = deployments.get(0);
            System.out.println();
            System.out.println("Latest Deployment");
            System.out.printf("ID          = %s%n", shortId(latest.path("ID").asText()));
            System.out.printf("Status      = %s%n", latest.path("Status").asText());
            System.out.printf("Description = %s%n", latest.path("StatusDescription").asText());
        }
        System.out.println();
        System.out.println("Allocations");
        JsonNode allocations = client.jobAllocations(jobId);
        if (allocations.isEmpty()) {
            System.out.println("No allocations placed");
            return 0;
        }
        System.out.printf("%-8s  %-8s  %-16s  %-10s  %-7s  %-7s  %s%n", "ID", "Node ID", "Node", "Task Group", "Version",
                "Desired", "Status");
        for (JsonNode alloc : allocations) {
            System.out.printf("%-8s  %-8s  %-16s  %-10s  %-7d  %-7s  %s%n", shortId(alloc.path("ID").asText()),
                    shortId(alloc.path("NodeID").asText()), alloc.path("NodeName").asText(), alloc.path("TaskGroup").asText(),
                    alloc.path("JobVersion").asLong(), alloc.path("DesiredStatus").asText(), alloc.path("ClientStatus").asText());
        }
        return 0;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
