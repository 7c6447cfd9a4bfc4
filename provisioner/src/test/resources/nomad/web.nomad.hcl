variable "image" {
  type    = string
  default = "nginx:1.27"
}

variable "count" {
  type    = number
  default = 1
}

job "web" {
  datacenters = ["dc1"]
  type        = "service"

  group "web" {
    count = var.count

    task "server" {
      driver = "docker"

      config {
        image = var.image
      }

      resources {
        cpu    = 100
        memory = 128
      }
    }
  }
}
