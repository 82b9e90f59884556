domain_name = "acme"

repositories = {
  npm = {
    description = "Internal npm packages"
    upstreams   = ["npm-store"]
  }
  npm-store = {
    description         = "Cache of npmjs.com"
    external_connection = "public:npmjs"
  }
  pypi = {
    upstreams = ["pypi-store"]
  }
  pypi-store = {
    external_connection = "public:pypi"
  }
}

tags = {
  Team      = "platform"
  ManagedBy = "terraform"
}
