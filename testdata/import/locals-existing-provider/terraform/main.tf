locals {
  domain = "initech"
  tags = {
    CostCenter = "eng"
  }
  issuer = "token.actions.githubusercontent.com"
  subjects = [
    for name, r in var.repos : format("repo:%s@%s/%s@%s:environment:%s", var.org, var.org_id, name, r.id, r.environment)
  ]
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_codeartifact_domain" "initech" {
  domain = local.domain
  tags   = local.tags
}

resource "aws_codeartifact_repository" "pypi_proxy" {
  repository  = "pypi-proxy"
  description = "PyPI cache"
  domain      = aws_codeartifact_domain.initech.domain
  external_connections {
    external_connection_name = "public:pypi"
  }
  tags = local.tags
}

resource "aws_codeartifact_repository" "python" {
  repository = "python"
  domain     = aws_codeartifact_domain.initech.domain
  upstream {
    repository_name = aws_codeartifact_repository.pypi_proxy.repository
  }
  tags = merge(local.tags, { Owner = "data" })
}
