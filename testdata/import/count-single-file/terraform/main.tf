# Everything in one file, the way the first version of this stack was written.
variable "region" {
  type = string
}

variable "create_oidc_provider" {
  type    = bool
  default = true
}

variable "release_roles" {
  type = list(object({
    name = string
    repo = string
  }))
}

provider "aws" {
  region = var.region
}

data "aws_caller_identity" "current" {}

resource "aws_codeartifact_domain" "main" {
  domain = "globex"
}

resource "aws_codeartifact_repository" "maven_central" {
  repository = "maven-central"
  domain     = aws_codeartifact_domain.main.domain
  external_connections {
    external_connection_name = "public:maven-central"
  }
}

resource "aws_codeartifact_repository" "releases" {
  repository = "releases"
  domain     = aws_codeartifact_domain.main.domain
  upstream {
    repository_name = aws_codeartifact_repository.maven_central.repository
  }
}

resource "aws_iam_openid_connect_provider" "github" {
  count           = var.create_oidc_provider ? 1 : 0
  url             = "https://token.actions.githubusercontent.com"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"]
}

resource "aws_iam_policy" "publish" {
  name = "globex-publish"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["codeartifact:*", "sts:GetServiceBearerToken"]
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_role" "release" {
  count = length(var.release_roles)
  name  = "release-${var.release_roles[count.index].name}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.github[0].arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "token.actions.githubusercontent.com:sub" = "repo:globex/${var.release_roles[count.index].repo}:environment:*"
        }
      }
    }]
  })
  max_session_duration = 7200
}

resource "aws_iam_role_policy_attachment" "release" {
  count      = length(var.release_roles)
  role       = aws_iam_role.release[count.index].name
  policy_arn = aws_iam_policy.publish.arn
}
