data "aws_iam_openid_connect_provider" "github" {
  url = "https://${local.issuer}"
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [data.aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = local.subjects
    }
    condition {
      test     = "StringLike"
      variable = "${local.issuer}:ref"
      values   = ["refs/tags/v*"]
    }
  }
}

data "aws_iam_policy_document" "publish" {
  statement {
    actions   = ["codeartifact:GetAuthorizationToken"]
    resources = [aws_codeartifact_domain.initech.arn]
  }
  statement {
    actions   = ["sts:GetServiceBearerToken"]
    resources = ["*"]
  }
  statement {
    actions   = ["codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"]
    resources = [aws_codeartifact_repository.python.arn]
  }
  statement {
    actions   = ["codeartifact:PublishPackageVersion", "codeartifact:PutPackageMetadata"]
    resources = ["${replace(aws_codeartifact_repository.python.arn, ":repository/", ":package/")}/pypi/*"]
  }
}

resource "aws_iam_policy" "publish" {
  name   = "initech-python-publish"
  policy = data.aws_iam_policy_document.publish.json
  tags   = local.tags
}

resource "aws_iam_role" "deploy" {
  for_each           = toset(["python-release"])
  name               = each.key
  assume_role_policy = data.aws_iam_policy_document.trust.json
  tags               = local.tags
}

resource "aws_iam_role_policy_attachment" "deploy" {
  for_each   = aws_iam_role.deploy
  role       = each.value.name
  policy_arn = aws_iam_policy.publish.arn
}
