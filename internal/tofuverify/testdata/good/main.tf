data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  domain_arn = "arn:${data.aws_partition.current.partition}:codeartifact:${data.aws_region.current.region}:${local.account_id}:domain/ontopix"
  npm_arn    = "arn:${data.aws_partition.current.partition}:codeartifact:${data.aws_region.current.region}:${local.account_id}:repository/ontopix/npm"
}

resource "aws_codeartifact_domain" "ontopix" {
  domain = "ontopix"

  tags = {
    ManagedBy = "codeartifact-gen"
  }
}

resource "aws_codeartifact_repository" "npm_store" {
  repository  = "npm-store"
  domain      = aws_codeartifact_domain.ontopix.domain
  description = "Pull-through cache of the public npm registry."

  external_connections {
    external_connection_name = "public:npmjs"
  }
}

resource "aws_codeartifact_repository" "npm" {
  repository  = "npm"
  domain      = aws_codeartifact_domain.ontopix.domain
  description = "Internal npm packages."

  upstream {
    repository_name = aws_codeartifact_repository.npm_store.repository
  }
}

data "aws_codeartifact_repository_endpoint" "npm" {
  domain     = aws_codeartifact_domain.ontopix.domain
  repository = aws_codeartifact_repository.npm.repository
  format     = "npm"
}
