resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

resource "aws_iam_policy" "npm_read" {
  name        = "codeartifact-npm-read"
  description = "Read packages from the ontopix/npm CodeArtifact repository."

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "GetAuthorizationToken"
        Effect   = "Allow"
        Action   = "codeartifact:GetAuthorizationToken"
        Resource = local.domain_arn
      },
      {
        Sid      = "GetServiceBearerToken"
        Effect   = "Allow"
        Action   = "sts:GetServiceBearerToken"
        Resource = "*"
        Condition = {
          StringEquals = { "sts:AWSServiceName" = "codeartifact.amazonaws.com" }
        }
      },
      {
        Sid      = "ReadPackages"
        Effect   = "Allow"
        Action   = ["codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"]
        Resource = local.npm_arn
      },
    ]
  })
}

resource "aws_iam_role" "github_npm_read" {
  name        = "github-npm-read"
  description = "Assumed by GitHub Actions in ontopix repositories to read npm packages."

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "sts:AssumeRoleWithWebIdentity"
        Principal = {
          Federated = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/token.actions.githubusercontent.com"
        }
        Condition = {
          StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
          StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:ontopix/*:ref:refs/heads/main" }
        }
      },
    ]
  })

  depends_on = [aws_iam_openid_connect_provider.github]
}

resource "aws_iam_role_policy_attachment" "github_npm_read" {
  role       = aws_iam_role.github_npm_read.name
  policy_arn = aws_iam_policy.npm_read.arn
}
