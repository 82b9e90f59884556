locals {
  repo_arn_prefix = "arn:aws:codeartifact:${var.region}:${data.aws_caller_identity.current.account_id}:repository/${aws_codeartifact_domain.this.domain}"
  internal        = ["npm", "pypi"]
}

data "aws_iam_policy_document" "read" {
  statement {
    sid       = "Token"
    actions   = ["codeartifact:GetAuthorizationToken"]
    resources = [aws_codeartifact_domain.this.arn]
  }
  statement {
    sid       = "Bearer"
    actions   = ["sts:GetServiceBearerToken"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "sts:AWSServiceName"
      values   = ["codeartifact.amazonaws.com"]
    }
  }
  statement {
    sid     = "Read"
    actions = ["codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"]
    resources = [for r in local.internal : "${local.repo_arn_prefix}/${r}"]
  }
}

data "aws_iam_policy_document" "publish" {
  source_policy_documents = []
  statement {
    sid       = "Token"
    actions   = ["codeartifact:GetAuthorizationToken"]
    resources = [aws_codeartifact_domain.this.arn]
  }
  statement {
    sid       = "Bearer"
    actions   = ["sts:GetServiceBearerToken"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "sts:AWSServiceName"
      values   = ["codeartifact.amazonaws.com"]
    }
  }
  statement {
    sid       = "Read"
    actions   = ["codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"]
    resources = [aws_codeartifact_repository.this["npm"].arn]
  }
  statement {
    sid     = "Publish"
    actions = ["codeartifact:PublishPackageVersion", "codeartifact:PutPackageMetadata"]
    resources = [
      "arn:aws:codeartifact:${var.region}:${data.aws_caller_identity.current.account_id}:package/${var.domain_name}/npm/*",
    ]
  }
}

resource "aws_iam_policy" "read" {
  name        = "CodeArtifactRead"
  description = "Read packages from CodeArtifact"
  policy      = data.aws_iam_policy_document.read.json
}

resource "aws_iam_policy" "publish" {
  name   = "CodeArtifactPublish"
  policy = data.aws_iam_policy_document.publish.json
}

resource "aws_iam_role" "ci" {
  name = "github-ci"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:${var.github_org}/*:*" }
      }
    }]
  })
  tags = var.tags
}

resource "aws_iam_role" "release" {
  name        = "github-release"
  description = "Publishes npm packages from version tags"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike = {
          "token.actions.githubusercontent.com:sub" = [
            "repo:${var.github_org}/web:ref:refs/tags/v*",
            "repo:${var.github_org}/sdk:ref:refs/tags/v*",
          ]
        }
      }
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "ci_read" {
  role       = aws_iam_role.ci.name
  policy_arn = aws_iam_policy.read.arn
}

resource "aws_iam_role_policy_attachment" "release_publish" {
  role       = aws_iam_role.release.name
  policy_arn = aws_iam_policy.publish.arn
}
