data "aws_caller_identity" "current" {}

resource "aws_codeartifact_domain" "this" {
  domain = var.domain_name
  tags   = var.tags
}

resource "aws_codeartifact_repository" "this" {
  for_each = var.repositories

  repository  = each.key
  domain      = aws_codeartifact_domain.this.domain
  description = each.value.description

  dynamic "upstream" {
    for_each = each.value.upstreams
    content {
      repository_name = upstream.value
    }
  }

  dynamic "external_connections" {
    for_each = each.value.external_connection == null ? [] : [each.value.external_connection]
    content {
      external_connection_name = external_connections.value
    }
  }

  tags = var.tags
}
