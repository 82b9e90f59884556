variable "org" {
  type    = string
  default = "initech"
}

variable "org_id" {
  type    = string
  default = "4207"
}

variable "repos" {
  type = map(object({
    id          = string
    environment = string
  }))
  default = {
    tps     = { id = "90001", environment = "production" }
    printer = { id = "90002", environment = "production" }
  }
}
