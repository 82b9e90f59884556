variable "region" {
  type    = string
  default = "eu-central-1"
}

variable "domain_name" {
  type = string
}

variable "github_org" {
  type    = string
  default = "acme"
}

variable "repositories" {
  description = "CodeArtifact repositories by name."
  type = map(object({
    description         = optional(string)
    upstreams           = optional(list(string), [])
    external_connection = optional(string)
  }))
}

variable "tags" {
  type    = map(string)
  default = {}
}
