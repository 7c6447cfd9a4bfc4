package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The jobs' HCL as the Nomad double gets it from /v1/jobs/parse: the fields it places and runs by. */
class NomadHclJobsTest {

    private static final String JOB = """
            job "expert-general" {
              datacenters = ["dc1"]
              type        = "service"
              meta {
                model = "standin"
              }
              constraint {
                attribute = "${node.unique.name}"
                value     = "lab16"
              }
              group "expert-general" {
                count = 1
                network {
                  port "http" {
                    static = 8080
                  }
                }
                service {
                  name = "expert-general"
                  port = "http"
                  tags = ["expert-general", "node-lab16"]
                  check {
                    type = "http"
                    path = "/health"
                  }
                }
                task "expert-general" {
                  driver = "exec"
                  config {
                    command = "/bin/sh"
                    args    = ["-c", "exec llama-server --port ${NOMAD_PORT_http}"]
                  }
                  resources {
                    cpu    = 2000
                    memory = 1024
                  }
                }
              }
            }
            """;

    @Test
    void theJobsBlocksBecomeTheApisJsonWithRuntimeInterpolationsKept() {
        JsonNode job = NomadHclJobs.parse(JOB);

        assertThat(job.path("ID").asText()).isEqualTo("expert-general");
        assertThat(job.path("Type").asText()).isEqualTo("service");
        assertThat(job.path("Meta").path("model").asText()).isEqualTo("standin");
        assertThat(job.path("Constraints").get(0).path("LTarget").asText()).isEqualTo("${node.unique.name}");
        assertThat(job.path("Constraints").get(0).path("RTarget").asText()).isEqualTo("lab16");
        JsonNode group = job.path("TaskGroups").get(0);
        assertThat(group.path("Count").asInt()).isEqualTo(1);
        assertThat(group.path("Services").get(0).path("Name").asText()).isEqualTo("expert-general");
        assertThat(group.path("Services").get(0).path("Tags").toString()).contains("node-lab16");
        JsonNode task = group.path("Tasks").get(0);
        assertThat(task.path("Driver").asText()).isEqualTo("exec");
        assertThat(task.path("Config").path("args").get(1).asText()).isEqualTo("exec llama-server --port ${NOMAD_PORT_http}");
        assertThat(task.path("Resources").path("MemoryMB").asInt()).isEqualTo(1024);
    }

    @Test
    void aParameterizedJobKeepsItsPayloadAndMetaAndItsTaskTheFileThePayloadGoesTo() {
        JsonNode job = NomadHclJobs.parse("""
                job "drover-step" {
                  datacenters = ["dc1"]
                  type        = "batch"
                  parameterized {
                    payload       = "required"
                    meta_required = ["run_id", "step_id"]
                    meta_optional = ["item", "dispatch_token"]
                  }
                  group "step" {
                    task "step" {
                      driver = "raw_exec"
                      dispatch_payload {
                        file = "step.json"
                      }
                      config {
                        command = "/usr/bin/java"
                        args    = ["run-step", "${NOMAD_TASK_DIR}/step.json"]
                      }
                    }
                  }
                }
                """);

        assertThat(job.path("ParameterizedJob").path("Payload").asText()).isEqualTo("required");
        assertThat(job.path("ParameterizedJob").path("MetaRequired").toString()).isEqualTo("[\"run_id\",\"step_id\"]");
        assertThat(job.path("ParameterizedJob").path("MetaOptional").toString()).isEqualTo("[\"item\",\"dispatch_token\"]");
        JsonNode task = job.path("TaskGroups").get(0).path("Tasks").get(0);
        assertThat(task.path("DispatchPayload").path("File").asText()).isEqualTo("step.json");
        assertThat(task.path("Config").path("args").get(1).asText()).isEqualTo("${NOMAD_TASK_DIR}/step.json");
    }

    @Test
    void textThatIsNoJobIsAParseError() {
        assertThatThrownBy(() -> NomadHclJobs.parse("variable \"x\" {}")).hasMessageStartingWith("error parsing:");
    }
}
